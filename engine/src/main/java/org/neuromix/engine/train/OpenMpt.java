package org.neuromix.engine.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.sun.jna.Function;
import com.sun.jna.IntegerType;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The few calls of libopenmpt's C API ({@code libopenmpt.h}, {@code libopenmpt_ext.h}, version
 * 0.3 or later) that rendering a tracker module part by part needs, bound with JNA to the system
 * library (Debian {@code libopenmpt0}). One {@link Module} is one loaded module; it is used by one
 * thread at a time (libopenmpt handles are independent of each other).
 */
final class OpenMpt {
    static final int SAMPLE_RATE_HZ = 48_000;
    static final String MISSING = "libopenmpt is not installed: tracker modules need the Debian package libopenmpt0";

    static {
        // JNA unpacks its native stub into ~/.cache/JNA unless told otherwise; nothing of NeuroMix's
        // goes into the user's home, so it uses the temporary folder (an operator's own setting wins).
        if (System.getProperty("jna.tmpdir") == null) {
            System.setProperty("jna.tmpdir", System.getProperty("java.io.tmpdir"));
        }
    }

    // Render parameter keys (OPENMPT_MODULE_RENDER_*).
    private static final int RENDER_MASTERGAIN_MILLIBEL = 1;
    private static final int RENDER_STEREOSEPARATION_PERCENT = 2;
    private static final int RENDER_INTERPOLATIONFILTER_LENGTH = 3;
    private static final int RENDER_VOLUMERAMPING_STRENGTH = 4;
    /** Windowed sinc with 8 taps, for every format and every render, so parts and song match. */
    static final int INTERPOLATION_FILTER_TAPS = 8;
    // Pattern cell indices (OPENMPT_MODULE_COMMAND_*).
    static final int COMMAND_NOTE = 0;
    static final int COMMAND_INSTRUMENT = 1;
    /** The "interactive" interface is a struct of 16 function pointers; mute by instrument is the 13th. */
    private static final int INTERACTIVE_FUNCTIONS = 16;
    private static final int SET_INSTRUMENT_MUTE_STATUS = 12;

    /** size_t as JNA sees it (8 bytes on 64-bit Linux). */
    public static final class SizeT extends IntegerType {
        public SizeT() {
            this(0);
        }

        public SizeT(long value) {
            super(Native.SIZE_T_SIZE, value, true);
        }
    }

    /** The C functions, named as the library exports them. */
    interface Api extends Library {
        Pointer openmpt_module_ext_create_from_memory(Pointer filedata, SizeT filesize, Pointer logfunc, Pointer loguser,
                                                      Pointer errfunc, Pointer erruser, IntByReference error,
                                                      PointerByReference errorMessage, Pointer ctls);

        Pointer openmpt_module_ext_get_module(Pointer moduleExt);

        int openmpt_module_ext_get_interface(Pointer moduleExt, String interfaceId, Pointer functions, SizeT size);

        void openmpt_module_ext_destroy(Pointer moduleExt);

        int openmpt_module_set_repeat_count(Pointer module, int repeatCount);

        int openmpt_module_set_render_param(Pointer module, int param, int value);

        int openmpt_module_ctl_set_boolean(Pointer module, String ctl, int value);

        SizeT openmpt_module_read_interleaved_float_stereo(Pointer module, int sampleRateHz, SizeT frames, float[] interleaved);

        int openmpt_module_get_num_instruments(Pointer module);

        int openmpt_module_get_num_samples(Pointer module);

        int openmpt_module_get_num_channels(Pointer module);

        Pointer openmpt_module_get_instrument_name(Pointer module, int index);

        Pointer openmpt_module_get_sample_name(Pointer module, int index);

        double openmpt_module_get_duration_seconds(Pointer module);

        Pointer openmpt_module_get_metadata(Pointer module, String key);

        int openmpt_module_get_current_order(Pointer module);

        int openmpt_module_get_current_row(Pointer module);

        int openmpt_module_get_order_pattern(Pointer module, int order);

        byte openmpt_module_get_pattern_row_channel_command(Pointer module, int pattern, int row, int channel, int command);

        void openmpt_free_string(Pointer text);
    }

    private static volatile Api api;
    private static volatile Pointer silentLog;

    private OpenMpt() {
    }

    /** The bound library; throws with a one-line message naming {@code libopenmpt0} when it is missing. */
    static Api api() {
        Api bound = api;
        if (bound == null) {
            synchronized (OpenMpt.class) {
                bound = api;
                if (bound == null) {
                    NativeLibrary library = null;
                    // Only the runtime package is needed: it ships libopenmpt.so.0, not the unversioned link.
                    for (String name : new String[] {"openmpt", "libopenmpt.so.0"}) {
                        try {
                            library = NativeLibrary.getInstance(name);
                            break;
                        } catch (UnsatisfiedLinkError e) {
                            // try the next name
                        }
                    }
                    if (library == null) {
                        throw new IllegalStateException(MISSING);
                    }
                    try {
                        bound = Native.load(library.getName(), Api.class);
                        // Loading messages go nowhere: a module that fails to load is reported by its error.
                        silentLog = library.getFunction("openmpt_log_func_silent");
                    } catch (UnsatisfiedLinkError e) {
                        throw new IllegalStateException(MISSING + " (" + e.getMessage() + ")");
                    }
                    api = bound;
                }
            }
        }
        return bound;
    }

    /** One loaded module, rendered at {@value #SAMPLE_RATE_HZ} Hz, played once, with fixed render settings. */
    static final class Module implements AutoCloseable {
        private final Api lib;
        private final Memory data;
        private final Pointer moduleExt;
        private final Pointer module;
        private final Function setInstrumentMuteStatus;

        private Module(Api lib, Memory data, Pointer moduleExt, Function setInstrumentMuteStatus) {
            this.lib = lib;
            this.data = data;
            this.moduleExt = moduleExt;
            this.module = lib.openmpt_module_ext_get_module(moduleExt);
            this.setInstrumentMuteStatus = setInstrumentMuteStatus;
        }

        /**
         * Loads a module from its bytes.
         *
         * @throws IOException with libopenmpt's one-line reason when it is not a module libopenmpt reads
         */
        static Module load(byte[] bytes, String what) throws IOException {
            if (bytes.length == 0) {
                throw new IOException(what + ": empty file");
            }
            Api lib = api();
            Memory data = new Memory(bytes.length);
            data.write(0, bytes, 0, bytes.length);
            IntByReference error = new IntByReference();
            PointerByReference message = new PointerByReference();
            // No error callback and no initial ctls (both may be NULL); the error comes back in error/message.
            Pointer moduleExt = lib.openmpt_module_ext_create_from_memory(data, new SizeT(bytes.length), silentLog, null,
                    null, null, error, message, null);
            if (moduleExt == null) {
                String reason = takeString(lib, message.getValue());
                data.close();
                throw new IOException(what + ": not a module libopenmpt can read"
                        + (reason == null || reason.isBlank() ? "" : " (" + oneLine(reason) + ")"));
            }
            takeString(lib, message.getValue());
            Memory functions = new Memory((long) INTERACTIVE_FUNCTIONS * Native.POINTER_SIZE);
            functions.clear();
            if (lib.openmpt_module_ext_get_interface(moduleExt, "interactive", functions, new SizeT(functions.size())) != 1) {
                lib.openmpt_module_ext_destroy(moduleExt);
                data.close();
                throw new IOException(what + ": this libopenmpt has no \"interactive\" interface (muting parts needs 0.3 or later)");
            }
            Function mute = Function.getFunction(functions.getPointer((long) SET_INSTRUMENT_MUTE_STATUS * Native.POINTER_SIZE));
            Module loaded = new Module(lib, data, moduleExt, mute);
            lib.openmpt_module_set_repeat_count(loaded.module, 0);
            lib.openmpt_module_set_render_param(loaded.module, RENDER_MASTERGAIN_MILLIBEL, 0);
            lib.openmpt_module_set_render_param(loaded.module, RENDER_STEREOSEPARATION_PERCENT, 100);
            lib.openmpt_module_set_render_param(loaded.module, RENDER_INTERPOLATIONFILTER_LENGTH, INTERPOLATION_FILTER_TAPS);
            lib.openmpt_module_set_render_param(loaded.module, RENDER_VOLUMERAMPING_STRENGTH, -1);
            // The Amiga resampler would override the interpolation above for MOD files only.
            lib.openmpt_module_ctl_set_boolean(loaded.module, "render.resampler.emulate_amiga", 0);
            return loaded;
        }

        /** Instruments (XM, IT with instruments, MPTM), or 0 when the module plays samples directly (MOD, S3M). */
        int instruments() {
            return lib.openmpt_module_get_num_instruments(module);
        }

        int samples() {
            return lib.openmpt_module_get_num_samples(module);
        }

        int channels() {
            return lib.openmpt_module_get_num_channels(module);
        }

        /** Name of instrument {@code index} (0-based). */
        String instrumentName(int index) {
            return takeString(lib, lib.openmpt_module_get_instrument_name(module, index));
        }

        /** Name of sample {@code index} (0-based). */
        String sampleName(int index) {
            return takeString(lib, lib.openmpt_module_get_sample_name(module, index));
        }

        double durationSeconds() {
            return lib.openmpt_module_get_duration_seconds(module);
        }

        /** A metadata item ("type", "title", "artist", ...), empty when the module has none. */
        String metadata(String key) {
            String value = takeString(lib, lib.openmpt_module_get_metadata(module, key));
            return value == null ? "" : value;
        }

        /**
         * Mutes or unmutes a part: instrument {@code index} (0-based) when the module has
         * instruments, otherwise sample {@code index}.
         */
        void mutePart(int index, boolean mute) {
            int done = setInstrumentMuteStatus.invokeInt(new Object[] {moduleExt, index, mute ? 1 : 0});
            if (done != 1) {
                throw new IllegalArgumentException("no part " + (index + 1) + " to mute");
            }
        }

        /** Renders up to {@code frames} stereo frames into {@code interleaved} (L, R); 0 at the song's end. */
        int read(float[] interleaved, int frames) {
            if (interleaved.length < 2 * frames) {
                throw new IllegalArgumentException("buffer of " + interleaved.length + " floats for " + frames + " stereo frames");
            }
            return (int) lib.openmpt_module_read_interleaved_float_stereo(module, SAMPLE_RATE_HZ, new SizeT(frames), interleaved)
                    .longValue();
        }

        int currentOrder() {
            return lib.openmpt_module_get_current_order(module);
        }

        int currentRow() {
            return lib.openmpt_module_get_current_row(module);
        }

        int orderPattern(int order) {
            return lib.openmpt_module_get_order_pattern(module, order);
        }

        /** A raw pattern cell value ({@link #COMMAND_NOTE}, {@link #COMMAND_INSTRUMENT}), 0-255. */
        int cell(int pattern, int row, int channel, int command) {
            return lib.openmpt_module_get_pattern_row_channel_command(module, pattern, row, channel, command) & 0xFF;
        }

        @Override
        public void close() {
            lib.openmpt_module_ext_destroy(moduleExt);
            data.close();
        }
    }

    /** A string libopenmpt allocated, copied and freed; null for a null pointer. */
    private static String takeString(Api lib, Pointer text) {
        if (text == null) {
            return null;
        }
        try {
            return text.getString(0, StandardCharsets.UTF_8.name());
        } finally {
            lib.openmpt_free_string(text);
        }
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }
}
