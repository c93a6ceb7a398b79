package io.biometriccore.siem;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A SIEM's webhook on a random local port, as a bank would run one: it checks the HMAC signature of
 * every delivery (401 when it does not verify) and records each attempt with its answer. Per tenant,
 * a test can make it fail the next requests, refuse until told otherwise, or hold a request open.
 */
public final class TestReceiver {

    /** One request as received: the sink's path, the delivery header's parts, the answer, the body. */
    record Delivery(String path, String sink, String tenantId, long first, long last, int status, String contentType,
            String body) {

        boolean accepted() {
            return status / 100 == 2;
        }

        List<String> lines() {
            return body.lines().toList();
        }
    }

    private static final Pattern DELIVERY = Pattern.compile("([a-z0-9_-]+):([a-z0-9-]+):(\\d+)-(\\d+)");
    private static final Pattern SIGNATURE = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})");

    private final HttpServer server;
    private final Map<String, String> secrets;
    private final List<Delivery> deliveries = new ArrayList<>();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private final Map<String, AtomicInteger> failNext = new ConcurrentHashMap<>();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();

    /** After {@code acceptFirst} accepted requests, the next one waits for {@code release}, then fails. */
    private record Hold(int acceptFirst, AtomicInteger accepted, CountDownLatch held, CountDownLatch release) {
    }

    private TestReceiver(Map<String, String> secrets) {
        this.secrets = Map.copyOf(secrets);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        secrets.keySet().forEach(path -> server.createContext(path, this::handle));
        server.start();
    }

    /** Listens at once, one path per sink, each with the sink's secret. */
    public static TestReceiver start(Map<String, String> secretsByPath) {
        return new TestReceiver(secretsByPath);
    }

    public String url(String host, String path) {
        return "http://" + host + ":" + server.getAddress().getPort() + path;
    }

    void failNext(String tenantId, int requests) {
        failNext.put(tenantId, new AtomicInteger(requests));
    }

    void refuse(String tenantId) {
        refused.add(tenantId);
    }

    void accept(String tenantId) {
        refused.remove(tenantId);
    }

    void holdAfter(String tenantId, int accepted) {
        holds.put(tenantId, new Hold(accepted, new AtomicInteger(), new CountDownLatch(1), new CountDownLatch(1)));
    }

    boolean holding(String tenantId) {
        return holds.get(tenantId).held().getCount() == 0;
    }

    /** Lets the held request go (it is answered 503) and stops holding. */
    void release(String tenantId) {
        holds.remove(tenantId).release().countDown();
    }

    int badSignatures() {
        return badSignatures.get();
    }

    /** Every attempt for the sink's path and tenant, in the order they arrived. */
    synchronized List<Delivery> attempts(String path, String tenantId) {
        return deliveries.stream().filter(d -> d.path().equals(path) && d.tenantId().equals(tenantId)).toList();
    }

    List<Delivery> accepted(String path, String tenantId) {
        return attempts(path, tenantId).stream().filter(Delivery::accepted).toList();
    }

    /** The leaf indices the receiver acknowledged for the sink's path and tenant. */
    public Set<Long> acknowledged(String path, String tenantId) {
        Set<Long> leaves = new TreeSet<>();
        for (Delivery d : accepted(path, tenantId)) {
            for (long i = d.first(); i <= d.last(); i++) {
                leaves.add(i);
            }
        }
        return leaves;
    }

    void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getHttpContext().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String signature = exchange.getRequestHeaders().getFirst("X-Biometric-Signature");
            if (!signatureValid(secrets.get(path), signature, body)) {
                badSignatures.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            Matcher delivery = DELIVERY.matcher(
                    String.valueOf(exchange.getRequestHeaders().getFirst("X-Biometric-Delivery")));
            if (!delivery.matches()) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            String tenantId = delivery.group(2);
            int status = answer(tenantId);
            record(new Delivery(path, delivery.group(1), tenantId, Long.parseLong(delivery.group(3)),
                    Long.parseLong(delivery.group(4)), status, exchange.getRequestHeaders().getFirst("Content-Type"),
                    body));
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private int answer(String tenantId) {
        AtomicInteger failures = failNext.get(tenantId);
        if (failures != null && failures.getAndDecrement() > 0) {
            return 500;
        }
        if (refused.contains(tenantId)) {
            return 503;
        }
        Hold hold = holds.get(tenantId);
        if (hold != null && hold.accepted().getAndIncrement() >= hold.acceptFirst()) {
            hold.held().countDown();
            try {
                hold.release().await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 503;
        }
        return 200;
    }

    private synchronized void record(Delivery delivery) {
        deliveries.add(delivery);
    }

    private static boolean signatureValid(String secret, String header, String body) {
        Matcher signature = SIGNATURE.matcher(String.valueOf(header));
        if (!signature.matches()) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((signature.group(1) + "." + body).getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature.group(2)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
