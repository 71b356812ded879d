package io.temas.conversations;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How conversations are named on the wire: the reference in a subject ({@code [#T-1042]}) and the
 * header ids of e-mail Temas sends, so replies find their conversation again.
 */
public final class References {

    private static final Pattern IN_SUBJECT = Pattern.compile("\\[#(T-\\d+)]");
    private static final Pattern IN_SUBJECT_WITH_SPACE = Pattern.compile("\\s*\\[#T-\\d+]");
    private static final Pattern TYPED = Pattern.compile("\\[?\\s*#?\\s*T-?(\\d{1,18})\\s*]?", Pattern.CASE_INSENSITIVE);

    private References() {
    }

    /** The first conversation reference in a subject. */
    public static Optional<String> in(String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        Matcher matcher = IN_SUBJECT.matcher(subject);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The reference someone typed to find a conversation: {@code T-1042}, {@code t-1042}, {@code #T-1042} or {@code [#T-1042]}. */
    public static Optional<String> typed(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = TYPED.matcher(text.strip());
        return matcher.matches() ? Optional.of("T-" + Long.parseLong(matcher.group(1))) : Optional.empty();
    }

    /** The subject without any conversation reference. */
    public static String strip(String subject) {
        return subject == null ? null : IN_SUBJECT_WITH_SPACE.matcher(subject).replaceAll("").strip();
    }

    /** A new Message-ID in the domain of the address it is sent from. */
    public static String newHeaderId(String fromAddress) {
        int at = fromAddress == null ? -1 : fromAddress.lastIndexOf('@');
        String domain = at < 0 ? "temas.local" : fromAddress.substring(at + 1);
        return "<" + UUID.randomUUID() + "@" + domain + ">";
    }
}
