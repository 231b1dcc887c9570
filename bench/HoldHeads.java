import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens N connections, each sending a request head (request line and headers of about the given sizes)
 * without its closing blank line, and holds them open: what Vert.x keeps in memory per waiting head.
 * Run: java bench/HoldHeads.java PORT CONNECTIONS LINE_BYTES HEADER_BYTES HOLD_MS (see docs/performance.md).
 */
public class HoldHeads {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        int lineLength = Integer.parseInt(args[2]);
        int headerLength = Integer.parseInt(args[3]);
        long holdMs = Long.parseLong(args[4]);
        String start = "GET /api/v1/rules?pad=";
        String line = start + "a".repeat(Math.max(0, lineLength - start.length() - 9)) + " HTTP/1.1\r\n";
        String host = "Host: localhost";
        StringBuilder head = new StringBuilder(line).append(host).append("\r\n");
        int left = headerLength - host.length();
        int i = 0;
        while (left > 0) {   // headers of at most 1,000 bytes each, like cookies
            String name = "X-P" + (i++) + ": ";
            int value = Math.min(1000, left - name.length());
            if (value <= 0) break;
            head.append(name).append("b".repeat(value)).append("\r\n");
            left -= name.length() + value;
        }
        byte[] bytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        List<Socket> sockets = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            Socket s = new Socket("127.0.0.1", port);
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
            sockets.add(s);
        }
        System.out.println("holding " + n + " connections, " + bytes.length + " bytes each");
        Thread.sleep(holdMs);
        for (Socket s : sockets) s.close();
    }
}
