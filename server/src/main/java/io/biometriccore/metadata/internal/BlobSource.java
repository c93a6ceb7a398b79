package io.biometriccore.metadata.internal;

import com.webauthn4j.metadata.HttpClient;
import com.webauthn4j.metadata.exception.MDSException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * webauthn4j's {@link HttpClient} over the configured source: an {@code https://} URL through the JDK
 * client, or a file read from disk (a path or a {@code file:} URL). An answer other than 200 is a
 * failure, never a BLOB.
 */
final class BlobSource implements HttpClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Override
    public Response fetch(String uri) {
        try {
            return new Response(200, new ByteArrayInputStream(read(uri)));
        } catch (IOException e) {
            throw new MDSException("Cannot read the MDS3 BLOB from " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MDSException("Interrupted while reading the MDS3 BLOB", e);
        }
    }

    private static byte[] read(String uri) throws IOException, InterruptedException {
        if (uri.startsWith("http://") || uri.startsWith("https://")) {
            try (var client = java.net.http.HttpClient.newBuilder().connectTimeout(TIMEOUT)
                    .followRedirects(java.net.http.HttpClient.Redirect.NORMAL).build()) {
                HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(uri)).timeout(TIMEOUT)
                        .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode());
                }
                return response.body();
            }
        }
        return Files.readAllBytes(uri.startsWith("file:") ? Path.of(URI.create(uri)) : Path.of(uri));
    }
}
