package io.temas.calls.asterisk;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays Asterisk's REST interface on a loopback port, by its documented wire format: the event
 * stream of a Stasis application ({@code GET /ari/events?app=…} upgraded to a WebSocket as RFC 6455
 * has it, basic authentication, 401 for wrong credentials) on which the test sends events, and the
 * REST calls Temas makes ({@code POST /ari/channels}, {@code POST /ari/applications/{app}/subscription}),
 * which it records and answers as Asterisk does. The test can drop the stream, as a restart of
 * Asterisk or a network failure would.
 */
final class FakeAsterisk implements AutoCloseable {

    /** A REST request as received. */
    record Request(String method, String path, Map<String, String> query, String authorization) {
    }

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final String authorization;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger upgrades = new AtomicInteger();
    private final AtomicInteger refusedUpgrades = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile Socket stream;
    private volatile boolean closed;

    FakeAsterisk(String username, String password) {
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("fake-asterisk").start(this::accept);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Event streams opened. */
    int upgrades() {
        return upgrades.get();
    }

    /** Event streams refused for their credentials. */
    int refusedUpgrades() {
        return refusedUpgrades.get();
    }

    /** Sends one event on the open stream. */
    void send(String json) {
        Socket s = stream;
        if (s == null) {
            throw new IllegalStateException("no event stream is open");
        }
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(payload.length);
        } else if (payload.length < 65536) {
            frame.write(126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(127);
            for (int i = 7; i >= 0; i--) {
                frame.write((int) ((long) payload.length >> (8 * i)) & 0xff);
            }
        }
        frame.writeBytes(payload);
        try {
            synchronized (s) {
                s.getOutputStream().write(frame.toByteArray());
                s.getOutputStream().flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops the event stream without a closing handshake. */
    void drop() throws IOException {
        Socket s = stream;
        stream = null;
        if (s != null) {
            s.close();
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String requestLine = line(in);
            if (requestLine == null) {
                socket.close();
                return;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                if (colon > 0) {
                    headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
                }
            }
            String[] parts = requestLine.split(" ");
            String target = parts[1];
            String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
            Map<String, String> query = query(target.contains("?") ? target.substring(target.indexOf('?') + 1) : "");
            if ("websocket".equalsIgnoreCase(headers.get("upgrade"))) {
                upgrade(socket, in, headers, path, query);
            } else {
                rest(socket, in, parts[0], path, query, headers);
            }
        } catch (IOException e) {
            // The client went away.
        }
    }

    private void upgrade(Socket socket, InputStream in, Map<String, String> headers, String path, Map<String, String> query) throws IOException {
        OutputStream out = socket.getOutputStream();
        if (!authorization.equals(headers.get("authorization"))) {
            refusedUpgrades.incrementAndGet();
            out.write(("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: 41\r\nConnection: close\r\n\r\n"
                    + "{\"message\":\"Authentication required\"}    ").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.close();
            return;
        }
        if (!path.equals("/ari/events") || query.get("app") == null) {
            out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.close();
            return;
        }
        String accept = Base64.getEncoder().encodeToString(sha1(headers.get("sec-websocket-key") + GUID));
        synchronized (socket) {
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        stream = socket;
        upgrades.incrementAndGet();
        // Reads what the client sends (masked frames): answers a ping, and a close with a close.
        while (true) {
            int first = in.read();
            if (first < 0) {
                return;
            }
            int second = in.read();
            long length = second & 0x7f;
            if (length == 126) {
                length = (in.read() << 8) | in.read();
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | in.read();
                }
            }
            byte[] mask = (second & 0x80) != 0 ? in.readNBytes(4) : new byte[4];
            byte[] payload = in.readNBytes((int) length);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            int opcode = first & 0x0f;
            if (opcode == 0x8) {
                synchronized (socket) {
                    out.write(new byte[] {(byte) 0x88, 0});
                    out.flush();
                }
                socket.close();
                return;
            }
            if (opcode == 0x9) {
                synchronized (socket) {
                    out.write(0x8a);
                    out.write(payload.length);
                    out.write(payload);
                    out.flush();
                }
            }
        }
    }

    private void rest(Socket socket, InputStream in, String method, String path, Map<String, String> query, Map<String, String> headers)
            throws IOException {
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        in.readNBytes(length);
        requests.add(new Request(method, path, query, headers.get("authorization")));
        int status;
        String body;
        if (!authorization.equals(headers.get("authorization"))) {
            status = 401;
            body = "{\"message\":\"Authentication required\"}";
        } else if (method.equals("POST") && path.equals("/ari/channels")) {
            status = 200;
            String id = query.getOrDefault("channelId", "1733200000.999");
            body = channel(id, query.get("endpoint") + "-00000099", "Down", "", "s", Instant.now());
        } else if (method.equals("POST") && path.matches("/ari/applications/[^/]+/subscription")) {
            status = 200;
            body = "{\"name\":\"" + path.split("/")[3] + "\",\"channel_ids\":[\"" + query.getOrDefault("eventSource", "").replace("channel:", "")
                    + "\"],\"bridge_ids\":[],\"endpoint_ids\":[],\"device_names\":[]}";
        } else {
            status = 404;
            body = "{\"message\":\"Resource not found\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 " + status + (status == 200 ? " OK" : status == 401 ? " Unauthorized" : " Not Found")
                + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
        socket.close();
    }

    /** A channel as ARI describes one. */
    static String channel(String id, String name, String state, String callerNumber, String exten, Instant created) {
        return """
                {"id":"%s","name":"%s","state":"%s","caller":{"name":"","number":"%s"},"connected":{"name":"","number":""},\
                "accountcode":"","dialplan":{"context":"from-trunk","exten":"%s","priority":1,"app_name":"Stasis","app_data":"temas"},\
                "creationtime":"%s","language":"tr"}""".formatted(id, name, state, callerNumber, exten, TIME.format(created));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(c);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static Map<String, String> query(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static byte[] sha1(String value) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
