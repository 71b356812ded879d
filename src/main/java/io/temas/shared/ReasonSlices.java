package io.temas.shared;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reason codes of many rows, as arrays one statement can take through {@code unnest}: each row's key, and its
 * arguments as a slice of one array (an array of arrays of different lengths is no SQL array), from {@code from} for
 * {@code count} of them; a row without a code has null for all three.
 */
public record ReasonSlices(String[] keys, Integer[] from, Integer[] count, String[] args) {

    public static ReasonSlices of(List<ReasonCode> codes) {
        int size = codes.size();
        String[] keys = new String[size];
        Integer[] from = new Integer[size];
        Integer[] count = new Integer[size];
        List<String> args = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ReasonCode code = codes.get(i);
            if (code != null) {
                String[] stored = code.storedArgs();
                keys[i] = code.key();
                from[i] = args.size() + 1;
                count[i] = stored.length;
                args.addAll(Arrays.asList(stored));
            }
        }
        return new ReasonSlices(keys, from, count, args.toArray(String[]::new));
    }

    /**
     * The SQL of one row's stored arguments ({@code text[]}, null without a code): {@code args} the expression of the
     * whole array, {@code from} and {@code count} those of the row's slice (an empty slice is an empty array).
     */
    public static String argsSql(String args, String from, String count) {
        return "case when " + count + " is null then null else (" + args + ")[" + from + ":" + from + " + " + count + " - 1] end";
    }
}
