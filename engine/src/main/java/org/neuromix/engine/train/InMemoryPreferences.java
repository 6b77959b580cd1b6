package org.neuromix.engine.train;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.prefs.AbstractPreferences;
import java.util.prefs.Preferences;
import java.util.prefs.PreferencesFactory;

/**
 * Java Preferences held in this process's memory only, empty at start: nothing is read from or
 * written to the home directory. Installed by {@link PinnedSoundbank#isolateFromUserPreferences()}
 * so that the synthesizer's stored settings cannot differ between machines.
 */
public final class InMemoryPreferences extends AbstractPreferences {
    private final Map<String, String> values = new TreeMap<>();
    private final Map<String, InMemoryPreferences> children = new HashMap<>();

    private InMemoryPreferences(InMemoryPreferences parent, String name) {
        super(parent, name);
    }

    /** The factory named by the {@code java.util.prefs.PreferencesFactory} system property. */
    public static final class Factory implements PreferencesFactory {
        private static final Preferences USER = new InMemoryPreferences(null, "");
        private static final Preferences SYSTEM = new InMemoryPreferences(null, "");

        @Override
        public Preferences userRoot() {
            return USER;
        }

        @Override
        public Preferences systemRoot() {
            return SYSTEM;
        }
    }

    @Override
    protected void putSpi(String key, String value) {
        values.put(key, value);
    }

    @Override
    protected String getSpi(String key) {
        return values.get(key);
    }

    @Override
    protected void removeSpi(String key) {
        values.remove(key);
    }

    @Override
    protected void removeNodeSpi() {
        values.clear();
        children.clear();
        if (parent() instanceof InMemoryPreferences parent) {
            parent.children.remove(name());
        }
    }

    @Override
    protected String[] keysSpi() {
        return values.keySet().toArray(String[]::new);
    }

    @Override
    protected String[] childrenNamesSpi() {
        return children.keySet().toArray(String[]::new);
    }

    @Override
    protected AbstractPreferences childSpi(String name) {
        return children.computeIfAbsent(name, n -> new InMemoryPreferences(this, n));
    }

    @Override
    protected void syncSpi() {
        // Nothing is stored anywhere.
    }

    @Override
    protected void flushSpi() {
        // Nothing is stored anywhere.
    }
}
