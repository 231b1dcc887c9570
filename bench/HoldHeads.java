import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Half-sent requests against a running service, and whether it keeps answering meanwhile.
 * <p>
 * Opens CONNECTIONS connections, one after the other, each sending a request head (a request line and
 * headers of about the given sizes) without its closing blank line, and holds them open for HOLD_S
 * seconds after the last one. With BODY_BYTES, each sends instead a complete POST head announcing one
 * byte more than BODY_BYTES, then BODY_BYTES of body: a half-sent body. Meanwhile a probe asks
 * {@code GET /q/health/live} on a fresh connection every 250 ms (2 s timeout).
 * <p>
 * Prints how many connections the service closed at once (within a second: over the connection cap),
 * closed later (and after how long: the idle timeout), left open, and how many probes got 200.
 * Run: {@code java bench/HoldHeads.java PORT CONNECTIONS LINE_BYTES HEADER_BYTES HOLD_S [BODY_BYTES]}
 * (see docs/performance.md).
 */
public class HoldHeads {

    record Held(SocketChannel channel, long openedAt) {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        int lineLength = Integer.parseInt(args[2]);
        int headerLength = Integer.parseInt(args[3]);
        long holdMs = Long.parseLong(args[4]) * 1000;
        int bodyLength = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        byte[] request = request(lineLength, headerLength, bodyLength);

        AtomicInteger probesOk = new AtomicInteger();
        AtomicInteger probesFailed = new AtomicInteger();
        Thread probe = new Thread(() -> probe(port, probesOk, probesFailed));
        probe.setDaemon(true);
        probe.start();

        Selector selector = Selector.open();
        int refused = 0;
        List<Long> closedAfterMs = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < n; c++) {
            try {
                SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                ByteBuffer out = ByteBuffer.wrap(request);
                while (out.hasRemaining()) channel.write(out);
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ, new Held(channel, System.nanoTime()));
            } catch (IOException e) {
                refused++;
            }
            selector.selectNow();
            drain(selector, closedAfterMs);
        }
        System.out.printf("sent %d requests of %d bytes in %.1f s%n", n, request.length, (System.nanoTime() - start) / 1e9);
        long until = System.currentTimeMillis() + holdMs;
        for (long left = holdMs; left > 0; left = until - System.currentTimeMillis()) {
            selector.select(left);
            drain(selector, closedAfterMs);
        }
        Collections.sort(closedAfterMs);
        long atOnce = closedAfterMs.stream().filter(ms -> ms < 1000).count();
        List<Long> later = closedAfterMs.subList((int) atOnce, closedAfterMs.size());
        int open = selector.keys().size();
        System.out.printf("refused while connecting or sending: %d%n", refused);
        System.out.printf("closed by the service within 1 s: %d%n", atOnce);
        System.out.printf("closed later: %d%s%n", later.size(), later.isEmpty() ? ""
                : String.format(" (after %.1f s to %.1f s)", later.get(0) / 1e3, later.get(later.size() - 1) / 1e3));
        System.out.printf("still open after %d s: %d%n", holdMs / 1000, open);
        System.out.printf("probes GET /q/health/live: %d answered 200, %d failed%n", probesOk.get(), probesFailed.get());
        for (SelectionKey key : selector.keys()) key.channel().close();
    }

    private static byte[] request(int lineLength, int headerLength, int bodyLength) {
        String method = bodyLength > 0 ? "POST" : "GET";
        String start = method + " /api/v1/recommendations?pad=";
        String line = start + "a".repeat(Math.max(0, lineLength - start.length() - 9)) + " HTTP/1.1\r\n";
        String host = "Host: localhost";
        StringBuilder head = new StringBuilder(line).append(host).append("\r\n");
        int left = headerLength - host.length();
        for (int i = 0; left > 0; i++) {   // headers of at most 1,000 bytes each, like cookies
            String name = "X-P" + i + ": ";
            int value = Math.min(1000, left - name.length());
            if (value <= 0) break;
            head.append(name).append("b".repeat(value)).append("\r\n");
            left -= name.length() + value;
        }
        if (bodyLength > 0) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(bodyLength + 1).append("\r\n\r\n")
                    .append('[').append(" ".repeat(bodyLength - 1));
        }
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Reads whatever the service sent; a connection it closed is counted with its age. */
    private static void drain(Selector selector, List<Long> closedAfterMs) {
        ByteBuffer sink = ByteBuffer.allocate(8192);
        for (SelectionKey key : selector.selectedKeys()) {
            Held held = (Held) key.attachment();
            int read;
            try {
                do {
                    sink.clear();
                    read = held.channel().read(sink);
                } while (read > 0);
            } catch (IOException e) {
                read = -1;
            }
            if (read < 0) {
                closedAfterMs.add((System.nanoTime() - held.openedAt()) / 1_000_000);
                key.cancel();
                try {
                    held.channel().close();
                } catch (IOException ignored) {
                    // closed either way
                }
            }
        }
        selector.selectedKeys().clear();
    }

    private static void probe(int port, AtomicInteger ok, AtomicInteger failed) {
        while (true) {
            try {
                HttpURLConnection connection = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/q/health/live").openConnection();
                connection.setConnectTimeout(2000);
                connection.setReadTimeout(2000);
                (connection.getResponseCode() == 200 ? ok : failed).incrementAndGet();
                connection.getInputStream().readAllBytes();
                connection.disconnect();
            } catch (IOException e) {
                failed.incrementAndGet();
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
