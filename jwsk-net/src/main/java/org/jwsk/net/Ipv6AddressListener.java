package org.jwsk.net;

/**
 * Told of every change to the IPv6 addresses of a stack's interfaces: added (often {@code TENTATIVE}), duplicate
 * address detection passed ({@code PREFERRED}) or failed ({@code DUPLICATE}), deprecated, and removed. Set with
 * {@link NetStack#setIpv6AddressListener}.
 *
 * <p>Called on the stack's thread, from inside the stack's work; it must not block and must not change the stack's
 * addresses from inside the call.
 */
@FunctionalInterface
public interface Ipv6AddressListener {

    /**
     * An address changed.
     *
     * @param address the address as it is now (as it was last, when {@code removed})
     * @param removed whether the address has just been removed
     */
    void onAddressChanged(Ipv6AddressInfo address, boolean removed, long now);
}
