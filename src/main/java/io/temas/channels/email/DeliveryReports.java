package io.temas.channels.email;

import io.temas.channels.email.ParsedEmail.DeliveryReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads delivery status notifications: the standard message/delivery-status parts of a
 * multipart/report (RFC 3464), and the plain-text bounces that some mailers still send from
 * MAILER-DAEMON or postmaster.
 */
final class DeliveryReports {

    private static final int MAX_RECIPIENTS = 100;

    private static final int MAX_SCAN = 64 * 1024;

    private static final int MAX_REASON = 500;

    private static final List<String> DAEMONS = List.of("mailer-daemon", "mailer_daemon", "maildaemon", "mail-daemon", "postmaster");

    /** Subjects of failure notices, folded (see {@link MimeText#fold}). */
    private static final List<String> FAILURE_SUBJECTS = List.of(
            "undelivered mail returned to sender",
            "delivery status notification (failure)",
            "mail delivery failed",
            "returned mail",
            "undeliverable",
            "undelivered mail",
            "delivery failure",
            "delivery has failed",
            "failure notice",
            "mail delivery failure",
            "message not delivered",
            "teslim edilemedi",
            "teslim edilemiyor",
            "iletilemedi",
            "çatdırılmadı");

    /** Phrases after which bounce texts list the failed addresses, folded. */
    private static final List<String> FAILED_MARKERS = List.of(
            "following address(es) failed",
            "following addresses failed",
            "following recipients failed",
            "following recipient(s) failed",
            "permanent fatal errors",
            "failed to these recipients",
            "could not be delivered to",
            "couldn't be delivered to",
            "wasn't delivered to",
            "was not delivered to",
            "delivery to the following recipient",
            "unable to deliver",
            "teslim edilemedi",
            "alıcılara teslim");

    private static final Pattern ENHANCED_STATUS = Pattern.compile("(?<![\\d.])[45]\\.\\d{1,3}\\.\\d{1,3}(?![\\d.])");

    private static final Pattern SMTP_CODE = Pattern.compile("(?<![\\d.])[45]\\d\\d[ -]");

    private static final Pattern ANGLE_ADDRESS_LINE = Pattern.compile("^\\s*<([^<>\\s@]{1,64}@[^<>\\s]{1,255})>\\s*:?.*");

    private DeliveryReports() {
    }

    /** The report the message/delivery-status bodies give, or null when they name no failed or delayed recipient. */
    static DeliveryReport fromStatusParts(List<String> statusBodies) {
        List<String> permanent = new ArrayList<>();
        List<String> temporary = new ArrayList<>();
        String permanentReason = null;
        String temporaryReason = null;
        for (String body : statusBodies) {
            for (Map<String, String> fields : blocks(body)) {
                String recipient = recipient(fields.getOrDefault("final-recipient", fields.get("original-recipient")));
                if (recipient == null) {
                    continue;
                }
                String action = fields.getOrDefault("action", "").strip().toLowerCase(Locale.ROOT);
                String status = fields.getOrDefault("status", "").strip();
                int space = status.indexOf(' ');
                status = space > 0 ? status.substring(0, space) : status;
                boolean failed = action.startsWith("failed") || (action.isEmpty() && status.startsWith("5"));
                boolean delayed = action.startsWith("delayed") || (action.isEmpty() && status.startsWith("4"));
                if (!failed && !delayed) {
                    continue;
                }
                String reason = reason(fields.get("diagnostic-code"), status);
                boolean isPermanent = status.startsWith("5") || (failed && !status.startsWith("4"));
                if (isPermanent) {
                    addOnce(permanent, recipient);
                    permanentReason = permanentReason == null ? reason : permanentReason;
                } else {
                    addOnce(temporary, recipient);
                    temporaryReason = temporaryReason == null ? reason : temporaryReason;
                }
            }
        }
        if (!permanent.isEmpty()) {
            return new DeliveryReport(List.copyOf(permanent), true, permanentReason);
        }
        if (!temporary.isEmpty()) {
            return new DeliveryReport(List.copyOf(temporary), false, temporaryReason);
        }
        return null;
    }

    /** Whether the sender and subject are those of a mailer's failure notice. */
    static boolean looksLikeFailureNotice(String fromAddress, String fromName, String subject) {
        if (subject == null || !isDaemon(fromAddress, fromName)) {
            return false;
        }
        String folded = MimeText.fold(subject);
        return FAILURE_SUBJECTS.stream().anyMatch(folded::contains);
    }

    /**
     * The permanent failure a plain-text bounce describes: recipients from X-Failed-Recipients, from
     * "Final-Recipient:" or "&lt;address&gt;:" lines, from the lines after "the following addresses
     * failed" and the like, else the first address in the text that is neither the mailer's nor ours.
     */
    static DeliveryReport fromText(String text, List<String> failedRecipientsHeader, List<String> excluded, String subject) {
        String body = text == null ? "" : text.length() > MAX_SCAN ? text.substring(0, MAX_SCAN) : text;
        List<String> recipients = new ArrayList<>();
        failedRecipientsHeader.forEach(address -> addOnce(recipients, address));
        String[] lines = body.split("\n");
        if (recipients.isEmpty()) {
            for (String line : lines) {
                String folded = line.strip().toLowerCase(Locale.ROOT);
                if (folded.startsWith("final-recipient:") || folded.startsWith("original-recipient:")) {
                    String recipient = recipient(line.substring(line.indexOf(':') + 1));
                    if (recipient != null) {
                        addOnce(recipients, recipient);
                    }
                }
            }
        }
        if (recipients.isEmpty()) {
            for (String line : lines) {
                Matcher angle = ANGLE_ADDRESS_LINE.matcher(line);
                if (line.length() < 2000 && angle.matches()) {
                    MimeText.findAddresses(angle.group(1), 1).forEach(address -> addOnce(recipients, address));
                }
            }
        }
        if (recipients.isEmpty()) {
            for (int i = 0; i < lines.length; i++) {
                String folded = MimeText.fold(lines[i]);
                int marker = markerEnd(folded);
                if (marker < 0) {
                    continue;
                }
                List<String> found = new ArrayList<>(MimeText.findAddresses(lines[i].substring(Math.min(marker, lines[i].length())), 5));
                for (int j = i + 1; j < lines.length && j <= i + 6 && found.isEmpty(); j++) {
                    found.addAll(MimeText.findAddresses(lines[j], 5));
                }
                found.stream().filter(address -> !isExcluded(address, excluded)).forEach(address -> addOnce(recipients, address));
                if (!recipients.isEmpty()) {
                    break;
                }
            }
        }
        if (recipients.isEmpty()) {
            MimeText.findAddresses(body, MAX_RECIPIENTS).stream()
                    .filter(address -> !isExcluded(address, excluded))
                    .findFirst()
                    .ifPresent(recipients::add);
        }
        recipients.removeIf(address -> isExcluded(address, excluded) && !failedRecipientsHeader.contains(address));
        return new DeliveryReport(List.copyOf(recipients.subList(0, Math.min(recipients.size(), MAX_RECIPIENTS))), true,
                reasonInText(lines, subject));
    }

    private static int markerEnd(String folded) {
        for (String marker : FAILED_MARKERS) {
            int index = folded.indexOf(MimeText.fold(marker));
            if (index >= 0) {
                return index + marker.length();
            }
        }
        return -1;
    }

    private static boolean isExcluded(String address, List<String> excluded) {
        if (excluded.contains(address)) {
            return true;
        }
        String local = address.substring(0, address.indexOf('@'));
        return DAEMONS.stream().anyMatch(local::startsWith);
    }

    static boolean isDaemon(String address, String name) {
        if (address != null) {
            int at = address.indexOf('@');
            String local = (at < 0 ? address : address.substring(0, at)).toLowerCase(Locale.ROOT);
            if (DAEMONS.stream().anyMatch(local::startsWith)) {
                return true;
            }
        }
        if (name != null) {
            String folded = MimeText.fold(name);
            return folded.equals("mail delivery system") || folded.equals("mail delivery subsystem") || folded.startsWith("mailer-daemon");
        }
        return false;
    }

    private static String reasonInText(String[] lines, String subject) {
        for (Pattern pattern : List.of(ENHANCED_STATUS, SMTP_CODE)) {
            for (String line : lines) {
                if (line.length() < 2000 && pattern.matcher(line).find()) {
                    return truncate(line.strip());
                }
            }
        }
        return subject == null ? null : truncate(subject);
    }

    private static String reason(String diagnostic, String status) {
        if (diagnostic != null && !diagnostic.isBlank()) {
            String value = diagnostic.strip();
            int semicolon = value.indexOf(';');
            if (semicolon > 0 && semicolon < 20 && !value.substring(0, semicolon).contains(" ")) {
                value = value.substring(semicolon + 1).strip();
            }
            return truncate(value);
        }
        return status.isEmpty() ? null : "status " + status;
    }

    private static String truncate(String value) {
        return value.length() <= MAX_REASON ? value : value.substring(0, MAX_REASON);
    }

    /** "rfc822; Ali@Ornek.com" → "ali@ornek.com". */
    private static String recipient(String value) {
        if (value == null) {
            return null;
        }
        String address = value.strip();
        int semicolon = address.indexOf(';');
        if (semicolon >= 0) {
            address = address.substring(semicolon + 1).strip();
        }
        if (address.startsWith("<") && address.endsWith(">")) {
            address = address.substring(1, address.length() - 1).strip();
        }
        if (address.isEmpty() || address.indexOf('@') <= 0 || address.contains(" ") || address.length() > 320) {
            return null;
        }
        return address.toLowerCase(Locale.ROOT);
    }

    /** The field blocks of a delivery-status body: one per message, then one per recipient. */
    private static List<Map<String, String>> blocks(String body) {
        List<Map<String, String>> blocks = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        String lastName = null;
        String scanned = body.length() > MAX_SCAN * 4 ? body.substring(0, MAX_SCAN * 4) : body;
        for (String line : scanned.split("\n")) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    blocks.add(current);
                    current = new LinkedHashMap<>();
                }
                lastName = null;
                continue;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && lastName != null) {
                current.computeIfPresent(lastName, (name, value) -> value + " " + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            lastName = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            current.putIfAbsent(lastName, line.substring(colon + 1).strip());
        }
        if (!current.isEmpty()) {
            blocks.add(current);
        }
        return blocks;
    }

    private static void addOnce(List<String> list, String value) {
        if (!list.contains(value) && list.size() < MAX_RECIPIENTS) {
            list.add(value);
        }
    }
}
