package dev.purser.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathPolicyTest {

    @TempDir
    Path temp;
    Path root;
    Path outside;
    PathPolicy policy;

    @BeforeEach
    void files() throws IOException {
        root = Files.createDirectories(temp.resolve("imports"));
        outside = Files.createDirectories(temp.resolve("private"));
        Files.writeString(root.resolve("bill.csv"), "x");
        Files.writeString(outside.resolve("secret.csv"), "x");
        policy = PathPolicy.of(root);
    }

    private static ErrorCode code(Runnable r) {
        PurserException e = catchThrowableOfType(PurserException.class, r::run);
        assertThat(e).as("expected a PurserException").isNotNull();
        return e.code();
    }

    @Test
    void resolve_relativeInsideRoot_realPath() throws IOException {
        assertThat(policy.resolve("bill.csv")).isEqualTo(root.resolve("bill.csv").toRealPath());
        assertThat(policy.resolve("./sub/../bill.csv")).isEqualTo(root.resolve("bill.csv").toRealPath());
    }

    @Test
    void resolve_absoluteInsideRoot_allowed() throws IOException {
        assertThat(policy.resolve(root.resolve("bill.csv").toString())).isEqualTo(root.resolve("bill.csv").toRealPath());
    }

    @Test
    void resolve_dotDotEscape_pathNotAllowed() throws IOException {
        PurserException e = catchThrowableOfType(PurserException.class, () -> policy.resolve("../private/secret.csv"));
        assertThat(e.code()).isEqualTo(ErrorCode.PATH_NOT_ALLOWED);
        assertThat(e.getMessage()).contains("outside the allowed directories").contains(root.toRealPath().toString());
    }

    @Test
    void resolve_absoluteOutside_pathNotAllowed() {
        assertThat(code(() -> policy.resolve(outside.resolve("secret.csv").toString()))).isEqualTo(ErrorCode.PATH_NOT_ALLOWED);
        assertThat(code(() -> policy.resolve("/etc/passwd"))).isEqualTo(ErrorCode.PATH_NOT_ALLOWED);
    }

    @Test
    void resolve_missingOutside_pathNotAllowedNotNotFound() {
        // Refusing before looking keeps the answer from revealing what exists outside.
        assertThat(code(() -> policy.resolve("../private/nothing.csv"))).isEqualTo(ErrorCode.PATH_NOT_ALLOWED);
    }

    @Test
    void resolve_symlinkPointingOut_pathNotAllowed() throws IOException {
        Files.createSymbolicLink(root.resolve("link.csv"), outside.resolve("secret.csv"));
        Files.createSymbolicLink(root.resolve("dir"), outside);
        assertThat(code(() -> policy.resolve("link.csv"))).isEqualTo(ErrorCode.PATH_NOT_ALLOWED);
        assertThat(code(() -> policy.resolve("dir/secret.csv"))).isEqualTo(ErrorCode.PATH_NOT_ALLOWED);
    }

    @Test
    void resolve_symlinkStayingInside_allowed() throws IOException {
        Files.createSymbolicLink(root.resolve("latest.csv"), root.resolve("bill.csv"));
        assertThat(policy.resolve("latest.csv")).isEqualTo(root.resolve("bill.csv").toRealPath());
    }

    @Test
    void resolve_missing_fileNotFound() {
        assertThat(code(() -> policy.resolve("nope.csv"))).isEqualTo(ErrorCode.FILE_NOT_FOUND);
    }

    @Test
    void resolve_directory_badArgument() throws IOException {
        Files.createDirectories(root.resolve("sub"));
        assertThat(code(() -> policy.resolve("sub"))).isEqualTo(ErrorCode.BAD_ARGUMENT);
    }

    @Test
    void resolve_secondRootAbsolute_allowed() throws IOException {
        PathPolicy two = new PathPolicy(List.of(root, outside));
        assertThat(two.resolve(outside.resolve("secret.csv").toString())).isEqualTo(outside.resolve("secret.csv").toRealPath());
    }
}
