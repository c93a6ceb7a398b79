package io.biometriccore.contract.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /docs/api}: the contract rendered by Swagger UI for people. The page, its initializer and
 * Swagger UI's bundle and stylesheet (from its WebJar) are all served from here, under a
 * Content-Security-Policy of {@code default-src 'self'}: the page fetches nothing from another host,
 * not even the contract's validator badge, and it cannot send requests to the API ("try it out" is off).
 */
@RestController
class ApiDocsController {

    private static final String WEBJAR = "classpath*:META-INF/resources/webjars/swagger-ui/*/";
    private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript");
    private static final MediaType CSS = MediaType.parseMediaType("text/css");

    private final ServedFile page;
    private final ServedFile initializer;
    private final ServedFile bundle;
    private final ServedFile stylesheet;

    ApiDocsController() {
        page = ServedFile.of(new ClassPathResource("io/biometriccore/contract/docs.html"), MediaType.TEXT_HTML);
        initializer = ServedFile.of(new ClassPathResource("io/biometriccore/contract/docs.js"), JAVASCRIPT);
        bundle = ServedFile.of(webjarFile("swagger-ui-bundle.js"), JAVASCRIPT);
        stylesheet = ServedFile.of(webjarFile("swagger-ui.css"), CSS);
    }

    @GetMapping("/docs/api")
    ResponseEntity<byte[]> page() {
        return page.answer();
    }

    @GetMapping("/docs/api/docs.js")
    ResponseEntity<byte[]> initializer() {
        return initializer.answer();
    }

    @GetMapping("/docs/api/swagger-ui-bundle.js")
    ResponseEntity<byte[]> bundle() {
        return bundle.answer();
    }

    @GetMapping("/docs/api/swagger-ui.css")
    ResponseEntity<byte[]> stylesheet() {
        return stylesheet.answer();
    }

    /** The one Swagger UI WebJar on the class path, whatever its version. */
    private static Resource webjarFile(String name) {
        try {
            Resource[] found = new PathMatchingResourcePatternResolver().getResources(WEBJAR + name);
            if (found.length != 1) {
                throw new IllegalStateException("Expected one Swagger UI WebJar with " + name + ", found " + found.length);
            }
            return found[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
