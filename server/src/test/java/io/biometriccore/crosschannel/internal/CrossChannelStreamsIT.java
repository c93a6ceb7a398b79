package io.biometriccore.crosschannel.internal;

import static io.biometriccore.testsupport.ProblemAssert.assertProblem;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.biometriccore.testkit.SoftwareAuthenticator;
import io.biometriccore.testkit.SoftwareAuthenticator.Attestation;
import io.biometriccore.testkit.SoftwareAuthenticator.AuthenticationInput;
import io.biometriccore.testkit.SoftwareAuthenticator.KeyType;
import io.biometriccore.testsupport.ApiClient;
import io.biometriccore.testsupport.ApiClient.Response;
import io.biometriccore.testsupport.BankFixture;
import io.biometriccore.testsupport.PostgresIntegrationTest;
import io.biometriccore.testsupport.SendsBadInput;
import io.biometriccore.testsupport.TenantFixture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A waiting event stream costs the server no thread and no database connection, a browser that goes
 * away is forgotten at once, the approval is pushed to the stream when it commits, and the caps answer
 * with a problem. The node cap is lowered to {@value #NODE_CAP} so that the dropped connections must
 * be released between batches for the next batch to open at all, and the heartbeat that finds them
 * gone runs ten times a second.
 */
@TestPropertySource(properties = {"biometric.cross-channel.max-streams=" + CrossChannelStreamsIT.NODE_CAP,
        "biometric.cross-channel.heartbeat=PT0.1S"})
class CrossChannelStreamsIT extends PostgresIntegrationTest {

    static final int NODE_CAP = 250;
    private static final int DROPPED = 2_000;
    private static final int BATCH = 200;
    private static final Duration AT_ONCE = Duration.ofSeconds(5);
    /** A frame of the stream code, or the name of the old polling thread. */
    private static final Pattern STREAM_CODE =
            Pattern.compile("cross-channel-events|io\\.biometriccore\\.crosschannel\\.internal\\.CrossChannel(Streams|Controller)[.$]");
    /** The one task for all streams, which may be running when the dump is taken. */
    private static final String HEARTBEAT = "CrossChannelStreams.heartbeat(";

    @Autowired
    CrossChannelStreams streams;
    @Autowired
    DataSource dataSource;

    private final ExecutorService browsers = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Socket> sockets = new ArrayList<>();
    private BankFixture bank;
    private SoftwareAuthenticator phone;
    private String username;
    private String phoneToken;

    @BeforeEach
    void phoneSignedIn() {
        bank = BankFixture.create(api, "streams-bank", Map.of(), Map.of());
        phone = SoftwareAuthenticator.create(KeyType.ES256, Attestation.NONE);
        username = "user" + System.nanoTime();
        bank.enrolled(username, phone);
        Response signedIn = signInOnThePhone();
        BankFixture.require(signedIn, 200);
        phoneToken = signedIn.json().path("access_token").asString();
    }

    @AfterEach
    void browsersGone() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        browsers.close();
        await().atMost(AT_ONCE).until(streams::openStreams, count -> count == 0);
    }

    @Test
    void twoThousandDroppedStreamsLeaveNoThreadNoDatabaseConnectionAndNoRegisteredStream() throws Exception {
        List<JsonNode> requests = IntStream.range(0, BATCH / CrossChannelStreams.MAX_PER_REQUEST + 1)
                .mapToObj(i -> startOnTheWeb()).toList();
        long started = System.nanoTime();

        for (int batch = 0; batch < DROPPED / BATCH; batch++) {
            List<Stream> open = openAll(IntStream.range(0, BATCH)
                    .mapToObj(i -> requests.get(i / CrossChannelStreams.MAX_PER_REQUEST)).toList());
            assertThat(open).allSatisfy(stream -> assertThat(stream.status()).isEqualTo(200));
            assertThat(open).allSatisfy(stream -> assertThat(stream.nextState()).isEqualTo("pending"));
            assertThat(streams.openStreams()).isEqualTo(BATCH);
            if (batch == DROPPED / BATCH / 2) {
                assertThat(threadsInTheStreamCode()).isEmpty();
                assertThat(signInOnThePhone().status()).isEqualTo(200);
            }
            for (Stream stream : open) {
                stream.socket().close();
            }
            await().atMost(AT_ONCE).until(streams::openStreams, count -> count == 0);
        }

        System.out.printf("%d streams opened and dropped in %d ms%n", DROPPED,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        await().atMost(AT_ONCE).until(this::activeDatabaseConnections, active -> active == 0);
        assertThat(threadsInTheStreamCode()).isEmpty();
    }

    @Test
    void theApprovalIsPushedToTheWaitingStreamWhichThenEnds() throws Exception {
        JsonNode request = startOnTheWeb();
        Stream stream = open(request);
        assertThat(stream.nextState()).isEqualTo("pending");
        assertThat(streams.openStreams()).isEqualTo(1);
        assertThat(threadsInTheStreamCode()).isEmpty();

        approveOnThePhone(request);

        assertThat(stream.nextState()).isEqualTo("approved");
        assertThat(stream.ended()).isTrue();
        await().atMost(AT_ONCE).until(streams::openStreams, count -> count == 0);
    }

    @SendsBadInput("approvals without an assertion")
    @Test
    void aRequestBurnedByWrongCodesIsPushedToItsStreamWhichThenEnds() throws Exception {
        JsonNode request = startOnTheWeb();
        Stream stream = open(request);
        assertThat(stream.nextState()).isEqualTo("pending");
        String id = request.path("id").asString();

        for (int attempt = 0; attempt < 3; attempt++) {
            api.post(bank.path("/cross-channel/" + id + "/approval"),
                    Map.of("userCode", "WRONG-CODE", "credential", Map.of("type", "public-key")),
                    "Authorization", "Bearer " + phoneToken);
        }

        assertThat(stream.nextState()).isEqualTo("burned");
        assertThat(stream.ended()).isTrue();
        await().atMost(AT_ONCE).until(streams::openStreams, count -> count == 0);
    }

    @Test
    void anApprovalMadeOnAnotherNodeReachesTheStreamThroughPostgresNotify() throws Exception {
        JsonNode request = startOnTheWeb();
        Stream stream = open(request);
        assertThat(stream.nextState()).isEqualTo("pending");

        try (Connection otherNode = connect();
             PreparedStatement approve = otherNode.prepareStatement(
                     "UPDATE cross_channel_request SET status = 'APPROVED' WHERE id = ?");
             PreparedStatement announce = otherNode.prepareStatement("SELECT pg_notify('biometric_events', ?)")) {
            approve.setObject(1, UUID.fromString(request.path("id").asString()));
            assertThat(approve.executeUpdate()).isEqualTo(1);
            announce.setString(1, CrossChannelStreams.CHANGED + "\n" + request.path("id").asString());
            announce.execute();
        }

        assertThat(stream.nextState()).isEqualTo("approved");
        assertThat(stream.ended()).isTrue();
    }

    @Test
    void aFourthStreamOfOneRequestIsRefusedUntilOneOfTheThreeGoesAway() throws Exception {
        JsonNode request = startOnTheWeb();
        List<Stream> three = openAll(List.of(request, request, request));
        assertThat(three).allSatisfy(stream -> assertThat(stream.nextState()).isEqualTo("pending"));

        assertProblem(eventsOf(request, request.path("pollSecret").asString()), 429, "cross_channel_streams_exhausted");
        assertProblem(eventsOf(request, "cc_wrong"), 401, "cross_channel_secret_invalid");

        three.getFirst().socket().close();
        await().atMost(AT_ONCE).until(streams::openStreams, count -> count == 2);
        assertThat(open(request).nextState()).isEqualTo("pending");
    }

    @Test
    void streamsBeyondTheNodesCapAreRefusedWithAProblem() throws Exception {
        List<JsonNode> requests = IntStream.range(0, NODE_CAP / CrossChannelStreams.MAX_PER_REQUEST + 1)
                .mapToObj(i -> startOnTheWeb()).toList();
        List<Stream> open = openAll(IntStream.range(0, NODE_CAP)
                .mapToObj(i -> requests.get(i / CrossChannelStreams.MAX_PER_REQUEST)).toList());
        assertThat(open).allSatisfy(stream -> assertThat(stream.nextState()).isEqualTo("pending"));

        JsonNode another = startOnTheWeb();

        assertProblem(eventsOf(another, another.path("pollSecret").asString()), 429, "cross_channel_streams_exhausted");
        assertThat(api.get(bank.path("/cross-channel/" + another.path("id").asString()),
                "Authorization", "Bearer " + another.path("pollSecret").asString()).status()).isEqualTo(200);
    }

    /** One browser's connection, read line by line as {@code fetch} would. */
    private record Stream(Socket socket, BufferedReader reader, int status) {

        /** The status of the next {@code state} event. */
        String nextState() throws IOException {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("data:")) {
                    return ApiClient.JSON.readTree(line.substring("data:".length())).path("status").asString();
                }
            }
            throw new IOException("the stream ended without another state");
        }

        /** Whether the server ends the chunked response: the last chunk, of length zero. */
        boolean ended() throws IOException {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.equals("0")) {
                    return true;
                }
            }
            return false;
        }
    }

    private List<Stream> openAll(List<JsonNode> requests) throws Exception {
        List<Callable<Stream>> opening = requests.stream().<Callable<Stream>>map(request -> () -> open(request)).toList();
        List<Stream> open = new ArrayList<>();
        for (Future<Stream> stream : browsers.invokeAll(opening)) {
            open.add(stream.get());
        }
        return open;
    }

    /** A raw socket, so that closing it is exactly a browser going away. */
    private Stream open(JsonNode request) throws IOException {
        Socket socket = new Socket("localhost", port);
        synchronized (sockets) {
            sockets.add(socket);
        }
        socket.setSoTimeout((int) AT_ONCE.toMillis());
        socket.getOutputStream().write(("GET " + bank.path("/cross-channel/" + request.path("id").asString() + "/events")
                + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\nAuthorization: Bearer "
                + request.path("pollSecret").asString() + "\r\n\r\n").getBytes(US_ASCII));
        BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), US_ASCII));
        String statusLine = reader.readLine();
        return new Stream(socket, reader, Integer.parseInt(statusLine.split(" ")[1]));
    }

    private Response eventsOf(JsonNode request, String secret) {
        return api.get(bank.path("/cross-channel/" + request.path("id").asString() + "/events"),
                "Accept", "text/event-stream", "Authorization", "Bearer " + secret);
    }

    private int activeDatabaseConnections() throws Exception {
        return dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean().getActiveConnections();
    }

    /**
     * The threads of a full dump of this JVM, virtual threads included, that are in the stream code,
     * the shared heartbeat aside.
     */
    private static List<String> threadsInTheStreamCode() throws Exception {
        Path dump = Files.createTempDirectory("thread-dump").resolve("threads.txt");
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(ProcessHandle.current().pid()), "Thread.dump_to_file", "-format=text", dump.toString())
                .redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), US_ASCII);
        assertThat(jcmd.waitFor()).as(output).isZero();
        List<String> threads = List.of(Files.readString(dump).split("\\R\\R"));
        assertThat(threads).as("a dump with this test's own thread").anyMatch(t -> t.contains("CrossChannelStreamsIT"));
        return threads.stream().filter(t -> STREAM_CODE.matcher(t).find() && !t.contains(HEARTBEAT)).toList();
    }

    private JsonNode startOnTheWeb() {
        Response started = api.post(bank.path("/cross-channel"), null);
        BankFixture.require(started, 201);
        return started.json();
    }

    private Response signInOnThePhone() {
        return bank.signIn(phone, username, Map.of(), BankFixture.ANDROID_ORIGIN, UnaryOperator.identity());
    }

    private void approveOnThePhone(JsonNode request) {
        String id = request.path("id").asString();
        Response options = api.post(bank.path("/cross-channel/" + id + "/approval/options"), null,
                "Authorization", "Bearer " + phoneToken);
        BankFixture.require(options, 200);
        String challenge = options.json().path("publicKey").path("challenge").asString();
        String assertion = phone.authenticate(
                AuthenticationInput.of(challenge, BankFixture.ANDROID_ORIGIN, TenantFixture.RP_ID));
        BankFixture.require(api.post(bank.path("/cross-channel/" + id + "/approval"),
                Map.of("userCode", request.path("userCode").asString(), "credential", ApiClient.JSON.readTree(assertion)),
                "Authorization", "Bearer " + phoneToken), 204);
    }
}
