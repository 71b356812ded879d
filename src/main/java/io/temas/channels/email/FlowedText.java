package io.temas.channels.email;

/**
 * Undoes RFC 3676 format=flowed: soft line breaks (a line ending in a space) are joined, space-stuffing
 * is removed, quote depth is kept as leading "&gt; " markers. With DelSp=yes the space before a soft
 * break was added by the sender and is removed too.
 */
final class FlowedText {

    private FlowedText() {
    }

    /** Text with its line breaks normalised to \n. */
    static String unflow(String text, boolean delSp) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        StringBuilder paragraph = new StringBuilder();
        int paragraphDepth = -1;
        for (String raw : lines) {
            int depth = 0;
            while (depth < raw.length() && raw.charAt(depth) == '>') {
                depth++;
            }
            String line = raw.substring(depth);
            if (line.startsWith(" ")) {
                line = line.substring(1);
            }
            if (paragraphDepth >= 0 && depth != paragraphDepth) {
                // a flowed line followed by a different quote depth ends its paragraph
                emit(out, paragraphDepth, paragraph);
                paragraphDepth = -1;
            }
            boolean signature = line.equals("-- ");
            boolean flowed = !signature && line.endsWith(" ");
            if (flowed && delSp) {
                line = line.substring(0, line.length() - 1);
            }
            paragraph.append(line);
            if (flowed) {
                paragraphDepth = depth;
            } else {
                emit(out, depth, paragraph);
                paragraphDepth = -1;
            }
        }
        if (paragraphDepth >= 0) {
            emit(out, paragraphDepth, paragraph);
        }
        if (out.length() > 0) {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    private static void emit(StringBuilder out, int depth, StringBuilder paragraph) {
        if (depth > 0) {
            out.append(">".repeat(depth)).append(' ');
        }
        out.append(paragraph).append('\n');
        paragraph.setLength(0);
    }
}
