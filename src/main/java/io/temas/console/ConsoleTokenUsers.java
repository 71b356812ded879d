package io.temas.console;

import io.temas.api.TokenUsers;
import io.temas.conversations.QueueAccess;
import io.temas.routing.Agents;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Console users as the API sees them behind a bound token: enabled ones, with their queue permission. */
@Component
class ConsoleTokenUsers implements TokenUsers {

    private final ConsoleUsers users;
    private final Agents agents;
    private final QueuePermissions permissions;

    ConsoleTokenUsers(ConsoleUsers users, Agents agents, QueuePermissions permissions) {
        this.users = users;
        this.agents = agents;
        this.permissions = permissions;
    }

    @Override
    public Optional<QueueAccess> access(String username) {
        return users.find(username).filter(ConsoleUser::enabled)
                .map(user -> permissions.access(user, () -> agents.findByUsername(user.username())));
    }
}
