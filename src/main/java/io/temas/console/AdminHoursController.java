package io.temas.console;

import static io.temas.console.AdminForms.required;

import io.temas.channels.Channels;
import io.temas.routing.BusinessCalendars;
import io.temas.routing.BusinessHours;
import io.temas.routing.SlaDurations;
import io.temas.routing.SlaPolicies;
import io.temas.routing.SlaPolicy;
import io.temas.shared.ChannelType;
import io.temas.shared.InvalidInput;
import io.temas.shared.NotFound;
import io.temas.shared.Priority;
import jakarta.servlet.http.HttpServletResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin screens for time: SLA policies per channel and priority, business hours per weekday and their holidays. */
@Controller
class AdminHoursController {

    /** A policy as the form shows it; targets as written, {@code 30s}, {@code 2m}, {@code 4h}, {@code 3d}. */
    record SlaForm(String name, String channel, String priority, String firstResponse, String resolution,
                   String businessHours) {

        static SlaForm of(SlaPolicy p) {
            return new SlaForm(p.name(), p.channel().code(), p.priority().code(), SlaDurations.format(p.firstResponse()),
                    SlaDurations.format(p.resolution()), p.businessHoursId() == null ? "" : p.businessHoursId().toString());
        }
    }

    /** A calendar as the form shows it: per weekday its intervals as text, {@code 09:00-12:00, 13:00-18:00}. */
    record CalendarForm(String name, String zone, Map<DayOfWeek, String> days) {
    }

    private final SlaPolicies policies;
    private final BusinessCalendars calendars;
    private final Channels channels;

    AdminHoursController(SlaPolicies policies, BusinessCalendars calendars, Channels channels) {
        this.policies = policies;
        this.calendars = calendars;
        this.channels = channels;
    }

    // SLA policies

    @GetMapping("/console/admin/sla")
    String policies(Model model) {
        return slaPage(null, new SlaForm("", "email", "normal", "", "", ""), model);
    }

    @GetMapping("/console/admin/sla/{id}")
    String policy(@PathVariable UUID id, Model model) {
        return slaPage(id, SlaForm.of(policies.get(id)), model);
    }

    @PostMapping("/console/admin/sla")
    String createPolicy(SlaForm form, Model model, RedirectAttributes flash, HttpServletResponse response) {
        return AdminForms.submit(() -> policies.create(required(form.name(), "admin.error.name"), channel(form.channel()),
                        priority(form.priority()), duration(form.firstResponse()), duration(form.resolution()),
                        calendar(form.businessHours())),
                "/console/admin/sla", flash, model, response, () -> slaPage(null, form, model));
    }

    @PostMapping("/console/admin/sla/{id}")
    String updatePolicy(@PathVariable UUID id, SlaForm form, Model model, RedirectAttributes flash, HttpServletResponse response) {
        policies.get(id);
        return AdminForms.submit(() -> policies.update(id, required(form.name(), "admin.error.name"), channel(form.channel()),
                        priority(form.priority()), duration(form.firstResponse()), duration(form.resolution()),
                        calendar(form.businessHours())),
                "/console/admin/sla", flash, model, response, () -> slaPage(id, form, model));
    }

    @PostMapping("/console/admin/sla/{id}/delete")
    String deletePolicy(@PathVariable UUID id, RedirectAttributes flash) {
        policies.get(id);
        return AdminForms.act(() -> policies.delete(id), "/console/admin/sla", "admin.notice.deleted", flash);
    }

    private String slaPage(UUID editing, SlaForm form, Model model) {
        model.addAttribute("policies", policies.all());
        model.addAttribute("calendars", calendars.all());
        model.addAttribute("calendarNames", calendars.all().stream().collect(Collectors.toMap(BusinessHours::id, BusinessHours::name)));
        model.addAttribute("channels", channels.types());
        model.addAttribute("priorities", Priority.values());
        model.addAttribute("editing", editing);
        model.addAttribute("form", form);
        return "console/admin/sla";
    }

    // Business hours and holidays

    @GetMapping("/console/admin/hours")
    String calendars(Model model) {
        model.addAttribute("calendars", calendars.all());
        model.addAttribute("form", new CalendarForm("", "Europe/Istanbul", Map.of()));
        return "console/admin/hours";
    }

    @PostMapping("/console/admin/hours")
    String createCalendar(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String zone, Model model,
                          RedirectAttributes flash, HttpServletResponse response) {
        UUID[] created = new UUID[1];
        String done = AdminForms.submit(() -> created[0] = calendars.create(new BusinessCalendars.Draft(required(name, "admin.error.name"),
                        zone(zone), Map.of(), List.of())).id(),
                "/console/admin/hours", flash, model, response, () -> {
                    model.addAttribute("calendars", calendars.all());
                    model.addAttribute("form", new CalendarForm(name, zone, Map.of()));
                    return "console/admin/hours";
                });
        return created[0] == null ? done : "redirect:/console/admin/hours/" + created[0];
    }

    @GetMapping("/console/admin/hours/{id}")
    String calendar(@PathVariable UUID id, Model model) {
        BusinessHours hours = calendars.get(id);
        Map<DayOfWeek, String> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            days.put(day, hours.schedule().getOrDefault(day, List.of()).stream()
                    .map(i -> i.start() + "-" + (i.end().equals(LocalTime.MIDNIGHT) ? "24:00" : i.end().toString()))
                    .collect(Collectors.joining(", ")));
        }
        return calendarPage(hours, new CalendarForm(hours.name(), hours.zone().getId(), days), model);
    }

    @PostMapping("/console/admin/hours/{id}")
    String updateCalendar(@PathVariable UUID id, @RequestParam Map<String, String> params, Model model, RedirectAttributes flash,
                          HttpServletResponse response) {
        BusinessHours hours = calendars.get(id);
        Map<DayOfWeek, String> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            days.put(day, params.getOrDefault("day." + day.name(), ""));
        }
        CalendarForm form = new CalendarForm(params.getOrDefault("name", ""), params.getOrDefault("zone", ""), days);
        return AdminForms.submit(() -> {
            Map<DayOfWeek, List<List<String>>> schedule = new EnumMap<>(DayOfWeek.class);
            days.forEach((day, text) -> schedule.put(day, intervals(text)));
            calendars.update(id, new BusinessCalendars.Draft(required(form.name(), "admin.error.name"), zone(form.zone()), schedule,
                    calendars.holidays(id)));
        }, "/console/admin/hours/" + id, flash, model, response, () -> calendarPage(hours, form, model));
    }

    @PostMapping("/console/admin/hours/{id}/holidays")
    String addHoliday(@PathVariable UUID id, @RequestParam(defaultValue = "") String day, @RequestParam(defaultValue = "") String name,
                      RedirectAttributes flash) {
        BusinessHours hours = calendars.get(id);
        return AdminForms.act(() -> {
            LocalDate date;
            try {
                date = LocalDate.parse(required(day, "admin.error.date"));
            } catch (DateTimeParseException e) {
                throw new ConsoleRefusal("admin.error.date");
            }
            List<BusinessCalendars.Holiday> holidays = new ArrayList<>(calendars.holidays(id));
            if (holidays.stream().anyMatch(h -> h.day().equals(date))) {
                throw new ConsoleRefusal("admin.error.holidayTaken");
            }
            holidays.add(new BusinessCalendars.Holiday(date, required(name, "admin.error.name")));
            calendars.update(id, draft(hours, holidays));
        }, "/console/admin/hours/" + id, "admin.notice.holidayAdded", flash);
    }

    @PostMapping("/console/admin/hours/{id}/holidays/{day}/delete")
    String removeHoliday(@PathVariable UUID id, @PathVariable String day, RedirectAttributes flash) {
        BusinessHours hours = calendars.get(id);
        List<BusinessCalendars.Holiday> holidays = calendars.holidays(id);
        if (holidays.stream().noneMatch(h -> h.day().toString().equals(day))) {
            throw new NotFound("holiday " + day);
        }
        return AdminForms.act(() -> calendars.update(id, draft(hours, holidays.stream().filter(h -> !h.day().toString().equals(day)).toList())),
                "/console/admin/hours/" + id, "admin.notice.holidayRemoved", flash);
    }

    @PostMapping("/console/admin/hours/{id}/delete")
    String deleteCalendar(@PathVariable UUID id, RedirectAttributes flash) {
        calendars.get(id);
        String done = AdminForms.act(() -> calendars.delete(id), "/console/admin/hours", "admin.notice.deleted", flash);
        return flash.getFlashAttributes().containsKey("error") ? "redirect:/console/admin/hours/" + id : done;
    }

    private String calendarPage(BusinessHours hours, CalendarForm form, Model model) {
        model.addAttribute("hours", hours);
        model.addAttribute("holidays", calendars.holidays(hours.id()));
        model.addAttribute("weekdays", DayOfWeek.values());
        model.addAttribute("form", form);
        return "console/admin/calendar";
    }

    private static BusinessCalendars.Draft draft(BusinessHours hours, List<BusinessCalendars.Holiday> holidays) {
        Map<DayOfWeek, List<List<String>>> schedule = new LinkedHashMap<>();
        hours.schedule().forEach((day, intervals) -> schedule.put(day, intervals.stream()
                .map(i -> List.of(i.start().toString(), i.end().equals(LocalTime.MIDNIGHT) ? "24:00" : i.end().toString())).toList()));
        return new BusinessCalendars.Draft(hours.name(), hours.zone().getId(), schedule, holidays);
    }

    /** {@code 09:00-12:00, 13:00-18:00} as pairs; blank is a closed day. */
    static List<List<String>> intervals(String text) {
        List<List<String>> pairs = new ArrayList<>();
        for (String part : AdminForms.list(text)) {
            String[] ends = part.split("\\s*[-–]\\s*");
            if (ends.length != 2 || !ends[0].strip().matches("\\d{1,2}:\\d{2}") || !ends[1].strip().matches("\\d{1,2}:\\d{2}")) {
                throw new ConsoleRefusal("admin.error.interval");
            }
            pairs.add(List.of(pad(ends[0].strip()), pad(ends[1].strip())));
        }
        return pairs;
    }

    private static String pad(String time) {
        return time.length() == 4 ? "0" + time : time;
    }

    private static String zone(String zone) {
        try {
            return ZoneId.of(required(zone, "admin.error.zone")).getId();
        } catch (java.time.DateTimeException e) {
            throw new ConsoleRefusal("admin.error.zone");
        }
    }

    private UUID calendar(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        try {
            return calendars.get(UUID.fromString(id.strip())).id();
        } catch (IllegalArgumentException e) {
            throw new ConsoleRefusal("admin.error.calendar");
        }
    }

    private ChannelType channel(String code) {
        try {
            return channels.type(required(code, "admin.error.channel"));
        } catch (InvalidInput e) {
            throw new ConsoleRefusal("admin.error.channel");
        }
    }

    private static Priority priority(String code) {
        try {
            return Priority.of(required(code, "admin.error.priority"));
        } catch (InvalidInput e) {
            throw new ConsoleRefusal("admin.error.priority");
        }
    }

    private static Duration duration(String value) {
        try {
            return SlaDurations.parse(value, "duration");
        } catch (InvalidInput e) {
            throw new ConsoleRefusal("admin.error.duration");
        }
    }
}
