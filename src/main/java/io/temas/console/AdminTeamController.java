package io.temas.console;

import static io.temas.console.AdminForms.joined;
import static io.temas.console.AdminForms.list;
import static io.temas.console.AdminForms.required;

import io.temas.calls.Extensions;
import io.temas.channels.Channel;
import io.temas.channels.Channels;
import io.temas.routing.Agent;
import io.temas.routing.Agents;
import io.temas.routing.Queues;
import io.temas.routing.RoutingForms;
import io.temas.routing.RoutingSettings;
import io.temas.shared.ChannelType;
import io.temas.shared.Conflict;
import io.temas.shared.InvalidInput;
import io.temas.shared.Language;
import io.temas.shared.NotFound;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
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

    static final int MIN_PASSWORD = io.temas.shared.SecretRules.MIN_LENGTH;

    /** What a PBX calls an extension: letters, digits and {@code _.@:+/-}, as {@link Extensions} keeps them. */
    private static final java.util.regex.Pattern EXTENSION = java.util.regex.Pattern.compile("[A-Za-z0-9_.@:+/-]{1,64}");

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
    private final Channels channels;
    private final QueuePermissions permissions;
    private final RoutingForms forms;
    private final AgentAccounts accounts;
    private final Extensions extensions;
    private final TransactionTemplate tx;
    private final MessageSource messages;

    AdminTeamController(Agents agents, Queues queues, ConsoleUsers users, RoutingSettings routing, RoutingForms forms,
                        AgentAccounts accounts, QueuePermissions permissions, Channels channels, Extensions extensions,
                        TransactionTemplate tx, MessageSource messages) {
        this.extensions = extensions;
        this.tx = tx;
        this.messages = messages;
        this.permissions = permissions;
        this.channels = channels;
        this.agents = agents;
        this.queues = queues;
        this.users = users;
        this.routing = routing;
        this.forms = forms;
        this.accounts = accounts;
    }

    // Agents

    @GetMapping("/console/admin/agents")
    String agents(Model model) {
        return agentsPage(null, AgentForm.empty(), "", model);
    }

    @GetMapping("/console/admin/agents/{id}")
    String agent(@PathVariable UUID id, Model model) {
        return agentsPage(id, AgentForm.of(agents.get(id)), joined(extensions.of(id)), model);
    }

    /** Creates the agent and their console user (role agent) with the password the admin typed, together or not at all. */
    @PostMapping("/console/admin/agents")
    String createAgent(AgentForm form, @RequestParam Map<String, String> params,
                       @RequestParam(name = "extensions", defaultValue = "") String typedExtensions, Model model,
                       RedirectAttributes flash, HttpServletResponse response) {
        AgentForm submitted = withCapacity(form, params);
        return AdminForms.submit(() -> tx.executeWithoutResult(s -> {
            String username = username(submitted.username());
            String password = password(submitted.password());
            Agent created = accounts.create(draft(username, submitted), RoutingForms.presence(submitted.presence()), password);
            setExtensions(created.id(), typedExtensions);
        }), "/console/admin/agents", flash, model, response, () -> agentsPage(null, submitted, typedExtensions, model));
    }

    @PostMapping("/console/admin/agents/{id}")
    String updateAgent(@PathVariable UUID id, AgentForm form, @RequestParam Map<String, String> params,
                       @RequestParam(required = false) String queueAccess,
                       @RequestParam(name = "extensions", defaultValue = "") String typedExtensions, Model model,
                       RedirectAttributes flash, HttpServletResponse response) {
        Agent before = agents.get(id);
        AgentForm submitted = withCapacity(new AgentForm(before.username(), form.displayName(), form.email(), form.skills(), form.languages(),
                form.capacity(), form.queues(), form.presence(), ""), params);
        return AdminForms.submit(() -> tx.executeWithoutResult(s -> {
            Agents.Draft draft = draft(before.username(), submitted);
            Agent.Presence presence = RoutingForms.presence(submitted.presence());
            if (queueAccess == null) {
                accounts.update(id, draft, presence);
            } else {
                accounts.update(id, draft, presence, QueuePermission.of(queueAccess));
            }
            setExtensions(id, typedExtensions);
        }), "/console/admin/agents", flash, model, response, () -> agentsPage(id, submitted, typedExtensions, model));
    }

    /**
     * The phone extensions that ring this agent, as typed (comma- or line-separated), in the same
     * transaction as the rest of the form. An extension another agent has is refused naming them.
     */
    private void setExtensions(UUID agentId, String typed) {
        List<String> wanted = list(typed);
        for (String extension : wanted) {
            if (!EXTENSION.matcher(extension).matches()) {
                throw new ConsoleRefusal("calls.extensions.invalid");
            }
            java.util.Optional<UUID> owner = extensions.agent(extension);
            if (owner.isPresent() && !owner.get().equals(agentId)) {
                String name = agents.find(owner.get()).map(Agent::displayName).orElse("—");
                throw new Conflict(messages.getMessage("calls.extensions.taken", new Object[] {extension, name},
                        LocaleContextHolder.getLocale()));
            }
        }
        try {
            extensions.set(agentId, wanted);
        } catch (Conflict e) {
            throw new Conflict(messages.getMessage("calls.extensions.takenNow", null, LocaleContextHolder.getLocale()));
        } catch (InvalidInput e) {
            throw new ConsoleRefusal("calls.extensions.invalid");
        }
    }

    private String agentsPage(UUID editing, AgentForm form, String extensionsTyped, Model model) {
        Map<UUID, String> queueNames = new java.util.HashMap<>();
        queues.all().forEach(q -> queueNames.put(q.id(), q.name()));
        model.addAttribute("agents", agents.all());
        model.addAttribute("queues", queues.all());
        model.addAttribute("queueNames", queueNames);
        model.addAttribute("channels", channels.types());
        model.addAttribute("languages", Language.values());
        model.addAttribute("presences", Agent.Presence.values());
        model.addAttribute("defaultCapacity", defaultCapacity());
        model.addAttribute("editing", editing);
        model.addAttribute("form", form);
        model.addAttribute("extensionsTyped", extensionsTyped);
        model.addAttribute("extensionsByAgent", extensions.all());
        java.util.Optional<ConsoleUser> user = editing == null ? java.util.Optional.empty() : users.find(form.username());
        model.addAttribute("hasUser", user.isPresent());
        model.addAttribute("queueAccess", user.map(ConsoleUser::queueAccess).map(QueuePermission::code).orElse(""));
        model.addAttribute("roleDefault", user.map(u -> roleDefaults().getOrDefault(u.role().code(), QueuePermission.ALL.code())).orElse(""));
        return "console/admin/agents";
    }

    private Map<String, Integer> defaultCapacity() {
        Map<String, Integer> byCode = new LinkedHashMap<>();
        for (Channel channel : channels.all()) {
            byCode.put(channel.type().code(), routing.capacity(channel));
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

    /** The form as routing reads an agent: capacities typed as text, skills comma-separated. */
    private Agents.Draft draft(String username, AgentForm f) {
        Map<String, Integer> capacity = new LinkedHashMap<>();
        f.capacity().forEach((code, value) -> {
            Integer n = AdminForms.number(value, "admin.error.capacity");
            if (n != null) {
                capacity.put(code, n);
            }
        });
        return forms.agent(new RoutingForms.AgentFields(username, required(f.displayName(), "admin.error.displayName"), f.email(),
                list(f.skills()), f.languages(), capacity, f.queues(), null));
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

    /** Sets whether the user sees all queues or only their own; blank follows their role's default. */
    @PostMapping("/console/admin/users/{username}/queue-access")
    String queueAccess(@PathVariable String username, @RequestParam(defaultValue = "") String queueAccess, RedirectAttributes flash) {
        user(username);
        return AdminForms.act(() -> permissions.setForUser(username, QueuePermission.of(queueAccess)), "/console/admin/users",
                "admin.notice.saved", flash);
    }

    /** Sets each role's default queue permission. */
    @PostMapping("/console/admin/users/queue-access")
    String queueAccessDefaults(@RequestParam Map<String, String> params, RedirectAttributes flash) {
        return AdminForms.act(() -> {
            Map<Role, QueuePermission> defaults = new java.util.EnumMap<>(Role.class);
            QueuePermissions.RESTRICTABLE.forEach(role -> {
                QueuePermission permission = QueuePermission.of(params.get("default." + role.code()));
                if (permission != null) {
                    defaults.put(role, permission);
                }
            });
            permissions.setRoleDefaults(defaults);
        }, "/console/admin/users", "admin.notice.saved", flash);
    }

    private String usersPage(UserForm form, Model model) {
        model.addAttribute("users", users.all());
        model.addAttribute("queueAccess", permissions.users().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().code())));
        model.addAttribute("roleDefaults", roleDefaults());
        model.addAttribute("restrictable", QueuePermissions.RESTRICTABLE.stream().map(Role::code).toList());
        model.addAttribute("permissions", java.util.Arrays.stream(QueuePermission.values()).map(QueuePermission::code).toList());
        model.addAttribute("roles", Role.values());
        model.addAttribute("form", form);
        return "console/admin/users";
    }

    /** Each role's default queue permission by codes, as the forms show them. */
    private Map<String, String> roleDefaults() {
        Map<String, String> codes = new LinkedHashMap<>();
        permissions.roleDefaults().forEach((role, permission) -> codes.put(role.code(), permission.code()));
        return codes;
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
        io.temas.shared.SecretRules.problem(value).ifPresent(problem -> {
            throw new ConsoleRefusal(problem == io.temas.shared.SecretRules.Problem.TOO_LONG ? "admin.error.passwordTooLong"
                    : "admin.error.password");
        });
        return value;
    }
}
