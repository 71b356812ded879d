package io.temas.console;

import static io.temas.console.AdminForms.blankToNull;
import static io.temas.console.AdminForms.joined;
import static io.temas.console.AdminForms.list;
import static io.temas.console.AdminForms.required;

import io.temas.routing.Agent;
import io.temas.routing.Agents;
import io.temas.routing.Queues;
import io.temas.routing.RoutingSettings;
import io.temas.shared.ChannelType;
import io.temas.shared.InvalidInput;
import io.temas.shared.Language;
import io.temas.shared.NotFound;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin screens for the team: agents with skills, languages, capacities, queues and presence; console users and their roles. */
@Controller
class AdminTeamController {

    static final int MIN_PASSWORD = 8;

    /** An agent as the form shows it; {@code capacity} by channel code, blank for the default. */
    record AgentForm(String username, String displayName, String email, String skills, List<String> languages, Map<String, String> capacity,
                     List<String> queues, String presence, String password) {

        AgentForm {
            languages = languages == null ? List.of() : languages;
            capacity = capacity == null ? Map.of() : capacity;
            queues = queues == null ? List.of() : queues;
        }

        static AgentForm empty() {
            return new AgentForm("", "", "", "", List.of("tr"), Map.of(), List.of(), "offline", "");
        }

        static AgentForm of(Agent a) {
            Map<String, String> capacity = new LinkedHashMap<>();
            a.capacity().forEach((channel, n) -> capacity.put(channel.code(), n.toString()));
            return new AgentForm(a.username(), a.displayName(), a.email(), joined(a.skills()), a.languages(), capacity,
                    a.queueIds().stream().map(UUID::toString).toList(), a.presence().code(), "");
        }
    }

    record UserForm(String username, String displayName, String role, String password) {
    }

    private final Agents agents;
    private final Queues queues;
    private final ConsoleUsers users;
    private final RoutingSettings routing;
    private final TransactionTemplate transactions;

    AdminTeamController(Agents agents, Queues queues, ConsoleUsers users, RoutingSettings routing, TransactionTemplate transactions) {
        this.agents = agents;
        this.queues = queues;
        this.users = users;
        this.routing = routing;
        this.transactions = transactions;
    }

    // Agents

    @GetMapping("/console/admin/agents")
    String agents(Model model) {
        return agentsPage(null, AgentForm.empty(), model);
    }

    @GetMapping("/console/admin/agents/{id}")
    String agent(@PathVariable UUID id, Model model) {
        return agentsPage(id, AgentForm.of(agents.get(id)), model);
    }

    /** Creates the agent and their console user (role agent) with the password the admin typed, together or not at all. */
    @PostMapping("/console/admin/agents")
    String createAgent(AgentForm form, @RequestParam Map<String, String> params, Model model, RedirectAttributes flash,
                       HttpServletResponse response) {
        AgentForm submitted = withCapacity(form, params);
        return AdminForms.submit(() -> {
            String username = username(submitted.username());
            if (users.exists(username)) {
                throw new ConsoleRefusal("admin.error.userTaken");
            }
            String password = password(submitted.password());
            Agents.Draft draft = draft(username, submitted);
            transactions.executeWithoutResult(tx -> {
                Agent agent = agents.create(draft);
                agents.setPresence(agent.id(), presence(submitted.presence()));
                users.save(username, draft.displayName(), Role.AGENT, password);
            });
        }, "/console/admin/agents", flash, model, response, () -> agentsPage(null, submitted, model));
    }

    @PostMapping("/console/admin/agents/{id}")
    String updateAgent(@PathVariable UUID id, AgentForm form, @RequestParam Map<String, String> params, Model model, RedirectAttributes flash,
                       HttpServletResponse response) {
        Agent before = agents.get(id);
        AgentForm submitted = withCapacity(new AgentForm(before.username(), form.displayName(), form.email(), form.skills(), form.languages(),
                form.capacity(), form.queues(), form.presence(), ""), params);
        return AdminForms.submit(() -> {
            Agents.Draft draft = draft(before.username(), submitted);
            Agent.Presence presence = presence(submitted.presence());
            transactions.executeWithoutResult(tx -> {
                agents.update(id, draft);
                agents.setPresence(id, presence);
            });
        }, "/console/admin/agents", flash, model, response, () -> agentsPage(id, submitted, model));
    }

    private String agentsPage(UUID editing, AgentForm form, Model model) {
        Map<UUID, String> queueNames = new java.util.HashMap<>();
        queues.all().forEach(q -> queueNames.put(q.id(), q.name()));
        model.addAttribute("agents", agents.all());
        model.addAttribute("queues", queues.all());
        model.addAttribute("queueNames", queueNames);
        model.addAttribute("channels", ChannelType.values());
        model.addAttribute("languages", Language.values());
        model.addAttribute("presences", Agent.Presence.values());
        model.addAttribute("defaultCapacity", defaultCapacity());
        model.addAttribute("editing", editing);
        model.addAttribute("form", form);
        return "console/admin/agents";
    }

    private Map<String, Integer> defaultCapacity() {
        Map<String, Integer> byCode = new LinkedHashMap<>();
        for (ChannelType channel : ChannelType.values()) {
            byCode.put(channel.code(), routing.capacity().getOrDefault(channel, 0));
        }
        return byCode;
    }

    /** Capacities arrive as {@code capacity.email=5}; records do not bind maps, so they are read here. */
    private static AgentForm withCapacity(AgentForm form, Map<String, String> params) {
        Map<String, String> capacity = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            if (name.startsWith("capacity.")) {
                capacity.put(name.substring("capacity.".length()), value);
            }
        });
        return new AgentForm(form.username(), form.displayName(), form.email(), form.skills(), form.languages(), capacity, form.queues(),
                form.presence(), form.password());
    }

    private Agents.Draft draft(String username, AgentForm f) {
        Map<ChannelType, Integer> capacity = new EnumMap<>(ChannelType.class);
        f.capacity().forEach((code, value) -> {
            Integer n = AdminForms.number(value, "admin.error.capacity");
            if (n != null) {
                if (n < 0 || n > 100) {
                    throw new ConsoleRefusal("admin.error.capacity");
                }
                capacity.put(ChannelType.of(code), n);
            }
        });
        List<String> languages = f.languages().stream()
                .map(l -> Language.parse(l).orElseThrow(() -> new ConsoleRefusal("admin.error.language")).code()).toList();
        List<UUID> queueIds = f.queues().stream().map(q -> {
            try {
                return queues.get(UUID.fromString(q)).id();
            } catch (IllegalArgumentException e) {
                throw new ConsoleRefusal("admin.error.queue");
            }
        }).toList();
        String email = blankToNull(f.email());
        if (email != null && !email.contains("@")) {
            throw new ConsoleRefusal("admin.error.email");
        }
        return new Agents.Draft(username, required(f.displayName(), "admin.error.displayName"), email, list(f.skills()), languages,
                capacity, queueIds);
    }

    private static Agent.Presence presence(String code) {
        try {
            return Agent.Presence.of(required(code, "admin.error.presence"));
        } catch (InvalidInput e) {
            throw new ConsoleRefusal("admin.error.presence");
        }
    }

    // Console users

    @GetMapping("/console/admin/users")
    String users(Model model) {
        return usersPage(new UserForm("", "", "agent", ""), model);
    }

    @PostMapping("/console/admin/users")
    String createUser(UserForm form, Model model, RedirectAttributes flash, HttpServletResponse response) {
        return AdminForms.submit(() -> {
            String username = username(form.username());
            if (users.exists(username)) {
                throw new ConsoleRefusal("admin.error.userTaken");
            }
            Role role;
            try {
                role = Role.of(required(form.role(), "admin.error.role"));
            } catch (IllegalArgumentException e) {
                throw new ConsoleRefusal("admin.error.role");
            }
            users.save(username, required(form.displayName(), "admin.error.displayName"), role, password(form.password()));
        }, "/console/admin/users", flash, model, response, () -> usersPage(form, model));
    }

    @PostMapping("/console/admin/users/{username}/password")
    String resetPassword(@PathVariable String username, @RequestParam(defaultValue = "") String password, RedirectAttributes flash) {
        user(username);
        return AdminForms.act(() -> users.setPassword(username, password(password)), "/console/admin/users", "admin.notice.passwordSet", flash);
    }

    @PostMapping("/console/admin/users/{username}/enabled")
    String enable(@PathVariable String username, @RequestParam boolean enabled, Principal principal, RedirectAttributes flash) {
        user(username);
        return AdminForms.act(() -> {
            if (!enabled && username.equals(principal.getName())) {
                throw new ConsoleRefusal("admin.error.disableSelf");
            }
            users.setEnabled(username, enabled);
        }, "/console/admin/users", enabled ? "admin.notice.enabled" : "admin.notice.disabled", flash);
    }

    private String usersPage(UserForm form, Model model) {
        model.addAttribute("users", users.all());
        model.addAttribute("roles", Role.values());
        model.addAttribute("form", form);
        return "console/admin/users";
    }

    private ConsoleUser user(String username) {
        return users.find(username).orElseThrow(() -> new NotFound("user " + username));
    }

    private static String username(String value) {
        String name = required(value, "admin.error.username").toLowerCase(Locale.ROOT);
        if (!ConsoleUsers.isUsername(name)) {
            throw new ConsoleRefusal("admin.error.username");
        }
        return name;
    }

    private static String password(String value) {
        if (value == null || value.length() < MIN_PASSWORD) {
            throw new ConsoleRefusal("admin.error.password");
        }
        return value;
    }
}
