package dev.purser.core.cloud.aws;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns what the SDK throws into {@link ErrorCode#EXTERNAL_API_ERROR} with a sentence that says
 * what happened and what to do. By the time an exception reaches here the SDK has already
 * retried what is worth retrying (throttling, 5xx, timeouts), so each message says so.
 *
 * <p>Messages name the AWS error code and the IAM action, never a credential; AWS's own error
 * text is quoted only for unrecognised errors, and cut short.
 */
final class AwsErrors {

    private static final Set<String> THROTTLING = Set.of("throttlingexception", "throttling", "throttled",
            "limitexceededexception", "requestlimitexceeded", "toomanyrequestsexception",
            "provisionedthroughputexceededexception", "slowdown", "requestthrottled", "requestthrottledexception");
    private static final Set<String> DENIED = Set.of("accessdeniedexception", "accessdenied",
            "unauthorizedoperation", "unauthorizedexception");
    private static final Set<String> BAD_CREDENTIALS = Set.of("unrecognizedclientexception", "invalidclienttokenid",
            "authfailure", "invalidsignatureexception", "signaturedoesnotmatch", "expiredtoken",
            "expiredtokenexception", "incompletesignature", "missingauthenticationtoken", "invalidaccesskeyid");
    private static final int QUOTE_LIMIT = 200;

    private AwsErrors() {
    }

    /**
     * @param action the IAM action that was called, e.g. {@code ce:GetCostAndUsage}
     * @param attempts how many attempts the client makes per call, for the message
     */
    static PurserException translate(String action, int attempts, SdkException e) {
        if (e instanceof AwsServiceException ase) {
            return service(action, attempts, ase);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException || readTimedOut(e)) {
            return new PurserException(ErrorCode.EXTERNAL_API_ERROR, "AWS did not answer " + action
                    + " in time, " + attempts(attempts) + "; try again later, or raise the AWS timeouts"
                    + " if the account is large", e);
        }
        if (isUnreadable(e)) {
            return malformed(action, e);
        }
        if (String.valueOf(e.getMessage()).contains("Unable to load credentials")) {
            // The SDK's own text lists every provider it tried; the user needs the one fix.
            return new PurserException(ErrorCode.EXTERNAL_API_ERROR, "no AWS credentials for " + action
                    + ": export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or configure an AWS profile)", e);
        }
        return new PurserException(ErrorCode.EXTERNAL_API_ERROR, "could not reach AWS for " + action
                + ", " + attempts(attempts) + " (" + rootMessage(e) + "); check the network, the region and"
                + " any endpoint override", e);
    }

    // The HTTP client's own socket read timeout can fire before the SDK's attempt timeout (on a
    // loaded machine it often does); to the user both mean AWS did not answer in time.
    private static boolean readTimedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** A response that arrived but could not be read as the documented shape. */
    static PurserException malformed(String action, Throwable cause) {
        return new PurserException(ErrorCode.EXTERNAL_API_ERROR, "AWS answered " + action
                + " with a response Purser cannot read (malformed or unexpected content); try again, and"
                + " if it persists check any proxy or endpoint override in between", cause);
    }

    private static PurserException service(String action, int attempts, AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String lower = code == null ? "" : code.toLowerCase(Locale.ROOT);
        int status = e.statusCode();
        String named = code == null ? "HTTP " + status : code + ", HTTP " + status;
        if (THROTTLING.contains(lower) || status == 429 || e.isThrottlingException()) {
            return new PurserException(ErrorCode.EXTERNAL_API_ERROR, "AWS is throttling " + action + " (" + named
                    + ") " + attempts(attempts) + "; wait a few minutes and retry, or run it less often"
                    + " (Cost Explorer allows only a few requests per second per account)", e);
        }
        if (DENIED.contains(lower) || status == 403 && !BAD_CREDENTIALS.contains(lower)) {
            return new PurserException(ErrorCode.EXTERNAL_API_ERROR, "AWS denied " + action + " (" + named
                    + "); allow the action `" + action + "` in the IAM policy of the credentials Purser uses", e);
        }
        if (BAD_CREDENTIALS.contains(lower) || status == 401) {
            return new PurserException(ErrorCode.EXTERNAL_API_ERROR, "AWS rejected the credentials for " + action
                    + " (" + named + "); check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN"
                    + " for temporary credentials, which expire), or the profile the default chain picks", e);
        }
        if (status >= 500) {
            return new PurserException(ErrorCode.EXTERNAL_API_ERROR, "AWS failed " + action + " (" + named + ") "
                    + attempts(attempts) + "; this is on AWS's side, try again later", e);
        }
        String text = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        return new PurserException(ErrorCode.EXTERNAL_API_ERROR, "AWS refused " + action + " (" + named + ")"
                + (text == null || text.isBlank() ? "" : ": " + quote(text)), e);
    }

    /** The SDK reports an unparseable body as a client exception whose cause is a parser error. */
    private static boolean isUnreadable(SdkException e) {
        if (!(e instanceof SdkClientException)) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getName().toLowerCase(Locale.ROOT);
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (name.contains("json") || name.contains("xml") || name.contains("parse")
                    || message.contains("unmarshall") || message.contains("parse")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String attempts(int attempts) {
        return attempts <= 1 ? "on the only attempt" : "after " + attempts + " attempts";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return quote(m == null ? t.getClass().getSimpleName() : m);
    }

    private static String quote(String s) {
        String oneLine = s.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() > QUOTE_LIMIT ? oneLine.substring(0, QUOTE_LIMIT) + "..." : oneLine;
    }
}
