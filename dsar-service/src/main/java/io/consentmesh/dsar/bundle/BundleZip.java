package io.consentmesh.dsar.bundle;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** The bundle's ZIP: its files, then {@code manifest.json} and {@code manifest.sig}; and reading one back. */
public final class BundleZip {

    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.sig";

    /** A bundle larger than this is not read back (a verifier must not be exhausted by a crafted file). */
    static final long MAX_READ_BYTES = 4L * 1024 * 1024 * 1024;

    private BundleZip() {}

    static byte[] write(Map<String, byte[]> files, byte[] manifest, String signature) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                add(zip, file.getKey(), file.getValue());
            }
            add(zip, MANIFEST, manifest);
            add(zip, SIGNATURE, (signature + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory does not fail", e);
        }
        return out.toByteArray();
    }

    private static void add(ZipOutputStream zip, String path, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        zip.write(content);
        zip.closeEntry();
    }

    /**
     * @return every entry of the ZIP by path, in order
     * @throws IOException when it is not a ZIP, names an entry twice or is larger than {@link #MAX_READ_BYTES}
     */
    public static Map<String, byte[]> read(byte[] zipBytes) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipBytes), StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                byte[] buffer = new byte[64 * 1024];
                int read;
                while ((read = zip.read(buffer)) > 0) {
                    total += read;
                    if (total > MAX_READ_BYTES) {
                        throw new IOException("the bundle expands past " + MAX_READ_BYTES + " bytes");
                    }
                    content.write(buffer, 0, read);
                }
                if (files.put(entry.getName(), content.toByteArray()) != null) {
                    throw new IOException("the bundle holds " + entry.getName() + " twice");
                }
            }
        }
        if (files.isEmpty()) {
            throw new IOException("not a ZIP, or an empty one");
        }
        return files;
    }
}
