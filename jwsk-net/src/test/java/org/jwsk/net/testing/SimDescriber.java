package org.jwsk.net.testing;

import java.util.Map;
import org.jwsk.net.NetSnapshot;

/** Renders a {@link NetSnapshot} as the few lines a failing simulation needs: interfaces, routes, non-zero counters. */
final class SimDescriber {

    private SimDescriber() {
    }

    static String describe(String name, NetSnapshot snapshot) {
        StringBuilder sb = new StringBuilder("== stack ").append(name).append('\n');
        for (NetSnapshot.Compartment c : snapshot.compartments()) {
            sb.append("  ").append(c.id()).append('\n');
            for (NetSnapshot.Interface i : c.interfaces()) {
                sb.append("    ").append(i.id()).append(' ').append(i.name())
                        .append(i.running() ? " up" : i.adminUp() ? " no-carrier" : " down")
                        .append(i.hostModel().weakSend() ? " weak-send" : "")
                        .append(i.hostModel().weakReceive() ? " weak-receive" : "")
                        .append(i.forwardingV4() || i.forwardingV6() ? " forwarding" : "");
                for (NetSnapshot.Address a : i.addresses()) {
                    sb.append(' ').append(a.address());
                    if (a.status() != NetSnapshot.AddressStatus.PREFERRED) {
                        sb.append('(').append(a.status().name().toLowerCase(java.util.Locale.ROOT)).append(')');
                    }
                }
                sb.append('\n');
            }
            for (int v = 4; v <= 6; v += 2) {
                for (NetSnapshot.RouteEntry r : c.routes(v)) {
                    sb.append("    route ").append(r.route()).append(r.usable() ? "" : " [unusable]").append('\n');
                }
            }
        }
        for (Map.Entry<String, Map<String, Long>> g : snapshot.counters().entrySet()) {
            StringBuilder line = new StringBuilder();
            g.getValue().forEach((k, v) -> {
                if (v != 0) {
                    line.append(' ').append(k).append('=').append(v);
                }
            });
            if (!line.isEmpty()) {
                sb.append("  ").append(g.getKey()).append(':').append(line).append('\n');
            }
        }
        return sb.toString();
    }
}
