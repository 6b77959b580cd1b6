package org.neuromix.engine.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Which Debian package installed a MIDI file or tracker module, read from dpkg's file lists
 * ({@code /var/lib/dpkg/info/*.list}): the source of a song, by which sessions are split for
 * evaluation. Only MIDI and module paths are kept, so the table stays small.
 */
final class DebianPackages {
    private static final Path LISTS = Path.of("/var/lib/dpkg/info");
    private static volatile Map<String, String> owners;

    private DebianPackages() {
    }

    /** The package that owns {@code file} (as given or after links are resolved), or null. */
    static String owner(Path file) {
        Map<String, String> table = table();
        String owner = table.get(file.toAbsolutePath().normalize().toString());
        if (owner == null) {
            try {
                owner = table.get(file.toRealPath().toString());
            } catch (IOException e) {
                return null;
            }
        }
        return owner;
    }

    private static Map<String, String> table() {
        Map<String, String> table = owners;
        if (table == null) {
            table = new HashMap<>();
            if (Files.isDirectory(LISTS)) {
                try (Stream<Path> lists = Files.list(LISTS)) {
                    for (Path list : lists.filter(p -> p.getFileName().toString().endsWith(".list")).sorted().toList()) {
                        String name = list.getFileName().toString().replaceAll("\\.list$", "").replaceAll(":.*$", "");
                        for (String line : Files.readAllLines(list)) {
                            if (MusicianSessions.isMidiName(line) || TrackerSessions.isModuleName(line)) {
                                table.putIfAbsent(line, name);
                            }
                        }
                    }
                } catch (IOException e) {
                    // No package lists readable: sources are named by their folders.
                }
            }
            owners = table;
        }
        return table;
    }
}
