package io.temas.routing;

import io.temas.shared.InvalidInput;
import io.temas.channels.Channels;
import io.temas.shared.ChannelType;
import io.temas.shared.Language;
import io.temas.shared.Priority;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Reads routing configuration as people write it, in the admin screens' forms and the API's JSON
 * bodies alike, into drafts: names required, queues by id or name, channel, language, priority
 * and presence codes checked, capacities from 0 to 100 (chat from 1 to 10). One reader, so both doors take and refuse
 * the same things; a refusal names its field ({@link InvalidRoutingInput}), an unknown queue or
 * calendar is {@link RoutingItemNotFound}.
 */
@Component
public class RoutingForms {

    static final int MAX_CAPACITY = 100;

    /** Chats at once: a person keeps up with a few (2–5 is usual), never with more than ten. */
    public static final int MIN_CHAT_CAPACITY = 1;
    public static final int MAX_CHAT_CAPACITY = 10;

    /**
     * An entry point as written: the queue by id or name, the channel by code (blank for every channel), the state
     * ({@code active}, {@code retiring}, {@code retired}; blank keeps a changed one's) and the ISO day a retiring
     * one becomes retired.
     */
    public record EntryPointFields(String address, String channel, String queue, String name, String campaign, String medium,
                                   String state, String retiresAt) {

        public EntryPointFields(String address, String channel, String queue, String name, String campaign, String medium) {
            this(address, channel, queue, name, campaign, medium, null, null);
        }

        public static EntryPointFields of(EntryPoint e) {
            return new EntryPointFields(e.address(), e.channel() == null ? "" : e.channel().code(), e.queueId().toString(), e.name(),
                    e.campaign(), e.medium(), e.state().code(), e.retiresAt() == null ? "" : e.retiresAt().toString());
        }
    }

    /**
     * A rule as written: the queue by id or name; without a position a new rule goes last, a changed one keeps its place;
     * {@code personAnswers} (a person answers the topic, the chat bot does not) absent is false for a new rule and
     * unchanged for a changed one; {@code offerCall} (a chat or e-mail on the topic gets the offer of a callback) likewise.
     */
    public record RuleFields(Integer position, String name, Boolean enabled, RuleConditions conditions, String queue, List<String> skills,
                             String priority, Boolean personAnswers, Boolean offerCall) {

        public RuleFields(Integer position, String name, Boolean enabled, RuleConditions conditions, String queue, List<String> skills,
                          String priority, Boolean personAnswers) {
            this(position, name, enabled, conditions, queue, skills, priority, personAnswers, null);
        }

        public RuleFields(Integer position, String name, Boolean enabled, RuleConditions conditions, String queue, List<String> skills,
                          String priority) {
            this(position, name, enabled, conditions, queue, skills, priority, null, null);
        }
    }

    /** An agent as written: capacity by channel code, queues by id or name, presence blank to leave it as it is. */
    public record AgentFields(String username, String displayName, String email, List<String> skills, List<String> languages,
                              Map<String, Integer> capacity, List<String> queues, String presence) {
    }

    private final Queues queues;
    private final BusinessCalendars calendars;
    private final Channels channels;

    RoutingForms(Queues queues, BusinessCalendars calendars, Channels channels) {
        this.queues = queues;
        this.calendars = calendars;
        this.channels = channels;
    }

    public EntryPoints.Draft entryPoint(EntryPointFields f) {
        String state = blankToNull(f.state());
        return new EntryPoints.Draft(required(f.address(), "address"), channel(f.channel()), queue(f.queue()), blankToNull(f.name()),
                blankToNull(f.campaign()), blankToNull(f.medium()), state == null ? null : entryPointState(state), day(f.retiresAt()));
    }

    private static EntryPoint.State entryPointState(String code) {
        try {
            return EntryPoint.State.of(code);
        } catch (io.temas.shared.InvalidInput e) {
            throw new InvalidRoutingInput("state", "state must be active, retiring or retired");
        }
    }

    private static java.time.LocalDate day(String value) {
        String day = blankToNull(value);
        if (day == null) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(day.length() > 10 ? day.substring(0, 10) : day);
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidRoutingInput("retiresAt", "retiresAt must be a day like 2026-06-30");
        }
    }

    public RoutingRules.Draft rule(RuleFields f) {
        RuleConditions c = f.conditions() == null ? new RuleConditions(null, null, null, null, null, null) : f.conditions();
        RuleConditions checked = new RuleConditions(strings(c.entryPoints()),
                c.channels().stream().map(code -> channel(required(code, "channel")).code()).toList(),
                c.languages().stream().map(code -> language(code).code()).toList(), strings(c.keywords()), strings(c.segments()), c.vip());
        String priority = blankToNull(f.priority());
        return new RoutingRules.Draft(f.position(), required(f.name(), "name"), f.enabled(), checked, queue(f.queue()),
                strings(f.skills()), priority == null ? null : priority(priority), f.personAnswers(), f.offerCall());
    }

    public Agents.Draft agent(AgentFields f) {
        String username = required(f.username(), "username");
        Map<ChannelType, Integer> capacity = new LinkedHashMap<>();
        if (f.capacity() != null) {
            f.capacity().forEach((code, n) -> {
                if (n == null || n < 0 || n > MAX_CAPACITY) {
                    throw new InvalidRoutingInput("capacity", "capacity for " + code + " must be from 0 to " + MAX_CAPACITY);
                }
                ChannelType type = channel(required(code, "channel"));
                if (ChannelType.CHAT.equals(type) && (n < MIN_CHAT_CAPACITY || n > MAX_CHAT_CAPACITY)) {
                    throw new InvalidRoutingInput("chatCapacity",
                            "chat capacity must be from " + MIN_CHAT_CAPACITY + " to " + MAX_CHAT_CAPACITY);
                }
                capacity.put(type, n);
            });
        }
        String email = blankToNull(f.email());
        if (email != null && !email.contains("@")) {
            throw new InvalidRoutingInput("email", "'" + email + "' is not an e-mail address");
        }
        String displayName = blankToNull(f.displayName());
        return new Agents.Draft(username, displayName == null ? username : displayName, email, strings(f.skills()),
                f.languages() == null ? List.of() : f.languages().stream().map(code -> language(code).code()).toList(), capacity,
                f.queues() == null ? List.of() : f.queues().stream().map(this::queue).toList());
    }

    /** What the preview routes: the channel is required, the language may be blank. */
    public RoutingInput input(String channel, String entryPoint, String language, String subject, String text, List<String> segments,
                              boolean vip) {
        String languageCode = blankToNull(language);
        return new RoutingInput(channel(required(channel, "channel")), blankToNull(entryPoint),
                languageCode == null ? null : language(languageCode), subject, text, strings(segments), vip);
    }

    /** A queue by id or name. */
    public UUID queue(String idOrName) {
        return queues.resolve(required(idOrName, "queue")).id();
    }

    /** A business-hours calendar by id; blank for none. */
    public UUID calendar(String id) {
        String value = blankToNull(id);
        if (value == null) {
            return null;
        }
        try {
            return calendars.get(UUID.fromString(value)).id();
        } catch (IllegalArgumentException notAnId) {
            throw new InvalidRoutingInput("calendar", "'" + value + "' is not a business-hours calendar");
        }
    }

    /** A registered channel by code; blank for none. */
    public ChannelType channel(String code) {
        String value = blankToNull(code);
        if (value == null) {
            return null;
        }
        try {
            return channels.type(value);
        } catch (InvalidInput e) {
            throw new InvalidRoutingInput("channel", "'" + value + "' is not a channel");
        }
    }

    /** A presence by code; blank for none. */
    public static Agent.Presence presence(String code) {
        String value = blankToNull(code);
        if (value == null) {
            return null;
        }
        try {
            return Agent.Presence.of(value);
        } catch (InvalidInput e) {
            throw new InvalidRoutingInput("presence", "presence must be online, away or offline");
        }
    }

    /** The value without surrounding space. */
    public static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidRoutingInput(field, field + " is required");
        }
        return value.strip();
    }

    private static Language language(String code) {
        return Language.parse(code == null ? "" : code.strip())
                .orElseThrow(() -> new InvalidRoutingInput("language", "'" + code + "' is not a language (tr, az, en)"));
    }

    private static Priority priority(String code) {
        try {
            return Priority.of(code);
        } catch (InvalidInput e) {
            throw new InvalidRoutingInput("priority", "'" + code + "' is not a priority (low, normal, high, urgent)");
        }
    }

    private static List<String> strings(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).distinct().toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
