package dev.flagbench.harness.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An output folder checked before any work starts: created if missing and proven writable; the folders this
 * created are removed again by {@link #removeIfEmpty()} when nothing was written into them.
 */
final class OutputFolder {
    private final Path dir;
    private final List<Path> created;

    private OutputFolder(Path dir, List<Path> created) {
        this.dir = dir;
        this.created = created;
    }

    /**
     * Creates {@code dir} (and its missing parents) and writes and deletes a probe file in it.
     *
     * @throws IllegalArgumentException saying why it cannot be written, for a message naming the option
     */
    static OutputFolder prepare(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("is a file, not a directory");
        }
        List<Path> missing = new ArrayList<>();
        for (Path p = dir.toAbsolutePath().normalize(); p != null && !Files.exists(p); p = p.getParent()) {
            missing.addFirst(p);
        }
        try {
            Files.createDirectories(dir);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot be created: the file system refuses new folders there");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot be created: " + Converters.reason(e));
        }
        OutputFolder folder = new OutputFolder(dir, missing);
        try {
            Files.delete(Files.createTempFile(dir, ".flagbench-probe", ".tmp"));
        } catch (IOException e) {
            folder.removeIfEmpty();
            throw new IllegalArgumentException("is not writable: " + Converters.reason(e));
        }
        return folder;
    }

    /** The folder. */
    Path dir() {
        return dir;
    }

    /** Removes the folders {@link #prepare} created, innermost first, as long as they are empty. */
    void removeIfEmpty() {
        for (Path p : created.reversed()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException notEmptyOrGone) {
                return;
            }
        }
    }
}
