package dev.flagbench.harness.external;

import dev.flagbench.harness.trial.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The external models declared by the descriptors on the class path: every resource path listed in
 * {@value #INDEX} (one a line, under {@value #ROOT}), the same way for every model, never by name.
 *
 * <p>From a folder on the class path (tests, {@code target/classes}) a descriptor's files are used where they are;
 * from a jar (harness.jar) they are extracted first, once, into a folder of the temporary directory named after a hash
 * of their contents, so that the program runs from plain files.
 */
public final class ExternalModels {
    /** The resource folder of the packed descriptors and their programs. */
    public static final String ROOT = "flagbench-external/";
    /** The index of descriptors. */
    public static final String INDEX = ROOT + "descriptors";
    private static volatile List<ExternalModel> all;

    private ExternalModels() {
    }

    /** Every declared external model, available here or not ({@link ExternalModel#unavailableReason()}). */
    public static List<ExternalModel> all() {
        List<ExternalModel> models = all;
        if (models == null) {
            synchronized (ExternalModels.class) {
                if (all == null) {
                    all = load(ExternalModels.class.getClassLoader());
                }
                models = all;
            }
        }
        return models;
    }

    /** The models declared by the descriptors that {@code loader}'s index lists. */
    static List<ExternalModel> load(ClassLoader loader) {
        try (InputStream index = loader.getResourceAsStream(INDEX)) {
            if (index == null) {
                return List.of();
            }
            List<ExternalModel> models = new ArrayList<>();
            for (String line : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String path = line.strip();
                if (path.isEmpty() || path.startsWith("#")) {
                    continue;
                }
                URL url = loader.getResource(ROOT + path);
                if (url == null) {
                    throw new IllegalStateException(INDEX + " lists " + path + ", which is not on the class path");
                }
                Descriptor d;
                try (InputStream in = url.openStream()) {
                    d = Json.MAPPER.readValue(in, Descriptor.class);
                } catch (IOException | IllegalArgumentException e) {
                    throw new IllegalStateException("descriptor " + path + " is malformed: " + e.getMessage(), e);
                }
                Path dir = folder(loader, url, path, d);
                d.models().forEach(e -> models.add(new ExternalModel(e, dir)));
            }
            return List.copyOf(models);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + INDEX, e);
        }
    }

    /** The folder holding the descriptor's files as plain files: where they are, or extracted from the jar. */
    private static Path folder(ClassLoader loader, URL descriptor, String path, Descriptor d) throws IOException {
        if ("file".equals(descriptor.getProtocol())) {
            try {
                return Path.of(descriptor.toURI()).getParent();
            } catch (URISyntaxException e) {
                throw new IOException("bad descriptor URL " + descriptor, e);
            }
        }
        String base = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "";
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String f : d.files()) {
            try (InputStream in = loader.getResourceAsStream(ROOT + base + f)) {
                if (in == null) {
                    throw new IOException("descriptor " + path + " lists " + f + ", which is not in the jar");
                }
                files.put(f, in.readAllBytes());
            }
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "flagbench-external-" + hash(files)).resolve(base);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path target = dir.resolve(f.getKey());
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
                Files.write(tmp, f.getValue());
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }

    private static String hash(Map<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            files.forEach((name, bytes) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(bytes);
            });
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
