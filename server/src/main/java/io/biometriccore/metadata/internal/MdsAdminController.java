package io.biometriccore.metadata.internal;

import java.time.Instant;
import java.time.LocalDate;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1/admin/mds/refresh}: read the MDS3 source now (admin key; audited as {@code mds.*}). */
@RestController
class MdsAdminController {

    private final MetadataBlobs blobs;

    MdsAdminController(MetadataBlobs blobs) {
        this.blobs = blobs;
    }

    /** The BLOB that came into force. */
    record MdsBlobView(int no, LocalDate nextUpdate, Instant loadedAt) {
    }

    @PostMapping(path = "/v1/admin/mds/refresh", produces = MediaType.APPLICATION_JSON_VALUE)
    MdsBlobView refresh() {
        LoadedBlob blob = blobs.refresh("admin");
        return new MdsBlobView(blob.no(), blob.nextUpdate(), blob.loadedAt());
    }
}
