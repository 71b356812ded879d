package io.temas.routing;

import io.temas.platform.ConfigurationCache;
import io.temas.shared.Ids;
import io.temas.shared.InvalidInput;
import java.sql.Date;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Business hours and holiday calendars. */
@Component
public class BusinessCalendars {

    /** A holiday as stored. */
    public record Holiday(LocalDate day, String name) {
    }

    /** Calendar as created or changed: intervals per weekday as {@code ["09:00","18:00"]} pairs. */
    public record Draft(String name, String zone, Map<DayOfWeek, List<List<String>>> schedule, List<Holiday> holidays) {
    }

    private static final TypeReference<Map<DayOfWeek, List<List<String>>>> SCHEDULE = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Ids ids;
    private final ConfigurationCache<Map<UUID, BusinessHours>> cache;

    BusinessCalendars(JdbcClient jdbc, JsonMapper json, Ids ids, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.ids = ids;
        this.cache = new ConfigurationCache<>(this::load, clock);
    }

    private Map<UUID, BusinessHours> load() {
        Map<UUID, Set<LocalDate>> holidays = new java.util.HashMap<>();
        jdbc.sql("select business_hours_id, day from holidays").query((rs, n) -> holidays
                .computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashSet<>()).add(rs.getDate(2).toLocalDate())).list();
        Map<UUID, BusinessHours> all = new LinkedHashMap<>();
        jdbc.sql("select * from business_hours order by name").query((rs, n) -> {
            UUID id = rs.getObject("id", UUID.class);
            return new BusinessHours(id, rs.getString("name"), ZoneId.of(rs.getString("zone")),
                    intervals(json.readValue(rs.getString("schedule"), SCHEDULE)), holidays.getOrDefault(id, Set.of()));
        }).list().forEach(b -> all.put(b.id(), b));
        return all;
    }

    public List<BusinessHours> all() {
        return List.copyOf(cache.get().values());
    }

    public BusinessHours get(UUID id) {
        BusinessHours hours = cache.get().get(id);
        if (hours == null) {
            throw new RoutingItemNotFound("business hours", id);
        }
        return hours;
    }

    public List<Holiday> holidays(UUID id) {
        return jdbc.sql("select day, name from holidays where business_hours_id = ? order by day").param(id)
                .query((rs, n) -> new Holiday(rs.getDate(1).toLocalDate(), rs.getString(2))).list();
    }

    @Transactional
    public BusinessHours create(Draft draft) {
        UUID id = ids.next();
        validate(draft);
        try {
            jdbc.sql("insert into business_hours (id, name, zone, schedule) values (?, ?, ?, ?::jsonb)")
                    .params(id, draft.name(), draft.zone(), json.writeValueAsString(draft.schedule() == null ? Map.of() : draft.schedule()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new RoutingItemConflict("business hours named '" + draft.name() + "' exist");
        }
        setHolidays(id, draft.holidays());
        cache.invalidate();
        return get(id);
    }

    @Transactional
    public BusinessHours update(UUID id, Draft draft) {
        get(id);
        validate(draft);
        jdbc.sql("update business_hours set name = ?, zone = ?, schedule = ?::jsonb where id = ?")
                .params(draft.name(), draft.zone(), json.writeValueAsString(draft.schedule() == null ? Map.of() : draft.schedule()), id)
                .update();
        setHolidays(id, draft.holidays());
        cache.invalidate();
        return get(id);
    }

    public void delete(UUID id) {
        get(id);
        try {
            jdbc.sql("delete from business_hours where id = ?").param(id).update();
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            throw new RoutingItemConflict("the business hours are still used by queues or SLA policies");
        }
        cache.invalidate();
    }

    private void setHolidays(UUID id, List<Holiday> holidays) {
        jdbc.sql("delete from holidays where business_hours_id = ?").param(id).update();
        for (Holiday holiday : holidays == null ? List.<Holiday>of() : holidays) {
            jdbc.sql("insert into holidays (business_hours_id, day, name) values (?, ?, ?) on conflict do nothing")
                    .params(id, Date.valueOf(holiday.day()), holiday.name()).update();
        }
    }

    private static void validate(Draft draft) {
        try {
            ZoneId.of(draft.zone());
            intervals(draft.schedule() == null ? Map.of() : draft.schedule());
        } catch (RuntimeException e) {
            throw new InvalidInput("schedule", "invalid business hours: " + e.getMessage(), e);
        }
    }

    private static Map<DayOfWeek, List<BusinessHours.Interval>> intervals(Map<DayOfWeek, List<List<String>>> schedule) {
        Map<DayOfWeek, List<BusinessHours.Interval>> result = new EnumMap<>(DayOfWeek.class);
        schedule.forEach((day, pairs) -> {
            List<BusinessHours.Interval> list = new ArrayList<>();
            for (List<String> pair : pairs) {
                if (pair.size() != 2) {
                    throw new InvalidInput("schedule", "an interval is a pair of times, like [\"09:00\", \"18:00\"]");
                }
                LocalTime start = LocalTime.parse(pair.get(0));
                LocalTime end = "24:00".equals(pair.get(1)) ? LocalTime.MIDNIGHT : LocalTime.parse(pair.get(1));
                if (!end.equals(LocalTime.MIDNIGHT) && !end.isAfter(start)) {
                    throw new InvalidInput("schedule", "interval " + pair + " ends before it starts");
                }
                list.add(new BusinessHours.Interval(start, end));
            }
            result.put(day, list);
        });
        return result;
    }
}
