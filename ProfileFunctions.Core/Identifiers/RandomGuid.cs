using System.Security.Cryptography;

namespace ProfileFunctions.Core.Identifiers;

/// <summary>
/// Version 4 GUIDs from the process's own CSPRNG. <see cref="Guid.NewGuid"/> reads the kernel's random device on
/// every call (a system call per id); <see cref="RandomNumberGenerator"/> draws from OpenSSL in user space. A
/// request needs two ids (its request-id and the new resource's), so the difference shows in CPU per request.
/// </summary>
internal static class RandomGuid
{
    public static Guid Create()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);

        // RFC 9562: version 4 in the high nibble of the time_hi field, variant 10xx in clock_seq_hi.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
