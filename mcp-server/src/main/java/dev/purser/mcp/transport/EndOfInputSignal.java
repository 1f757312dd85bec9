package dev.purser.mcp.transport;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Wraps stdin and records when it ends. The SDK's stdio transport stops reading at end of input
 * but tells nobody; a local assistant closing our stdin means "exit", so the server waits on this.
 */
public final class EndOfInputSignal extends FilterInputStream {

    private final CountDownLatch ended = new CountDownLatch(1);

    public EndOfInputSignal(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        try {
            return observe(super.read());
        } catch (IOException e) {
            // A broken pipe ends the conversation just as a closed one does.
            ended.countDown();
            throw e;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return observe(super.read(b, off, len));
        } catch (IOException e) {
            ended.countDown();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        ended.countDown();
        super.close();
    }

    private int observe(int n) {
        if (n < 0) {
            ended.countDown();
        }
        return n;
    }

    /** Blocks until the input has ended. */
    public void await() throws InterruptedException {
        ended.await();
    }

    /** @return true if the input ended within the timeout */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return ended.await(timeout, unit);
    }

    public boolean hasEnded() {
        return ended.getCount() == 0;
    }
}
