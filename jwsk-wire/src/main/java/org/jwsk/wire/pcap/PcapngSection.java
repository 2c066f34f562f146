package org.jwsk.wire.pcap;

import java.nio.ByteOrder;
import java.util.Objects;

/**
 * What a pcapng Section Header Block (draft-ietf-opsawg-pcapng §4.1) says about its section.
 *
 * @param offset        the byte offset of the Section Header Block in the file
 * @param byteOrder     the byte order of every number in the section
 * @param majorVersion  the format's major version; only 1 is read, other sections are skipped whole (§3.4)
 * @param minorVersion  the minor version; 0, or 2, which readers treat as 0 (§4.1)
 * @param sectionLength the section's length in bytes after this block, or {@link
 *                      PcapngLayout#SECTION_LENGTH_UNSPECIFIED}; informational, the reader walks the blocks
 * @param hardware      the shb_hardware option, or the empty string
 * @param os            the shb_os option, or the empty string
 * @param userAppl      the shb_userappl option (the writing application), or the empty string
 */
public record PcapngSection(long offset, ByteOrder byteOrder, int majorVersion, int minorVersion, long sectionLength,
                            String hardware, String os, String userAppl) {

    public PcapngSection {
        Objects.requireNonNull(byteOrder, "byteOrder");
        Objects.requireNonNull(hardware, "hardware");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(userAppl, "userAppl");
    }

    /** Whether this reader understands the section's version (1.0, or 1.2 read as 1.0); others are skipped. */
    public boolean isReadable() {
        return majorVersion == PcapngLayout.MAJOR_VERSION && (minorVersion == 0 || minorVersion == 2);
    }
}
