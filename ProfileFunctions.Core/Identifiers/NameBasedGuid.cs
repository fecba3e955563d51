using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace ProfileFunctions.Core.Identifiers;

/// <summary>
/// Name-based UUIDs, version 5 (RFC 9562 section 5.5): SHA-1 over a namespace and a name, so the same name always
/// gives the same id. .NET has no API for them.
/// </summary>
internal static class NameBasedGuid
{
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "RFC 9562 defines version 5 UUIDs with SHA-1; the id is a name, not a secret or a signature.")]
    public static Guid Create(Guid namespaceId, string name)
    {
        // The namespace goes in as its RFC byte order (big-endian fields), which is not Guid.ToByteArray's.
        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        byte[] input = new byte[16 + nameBytes.Length];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);

        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input, hash);
        Span<byte> uuid = hash[..16];
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x50); // version 5
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80); // the RFC's variant
        return new Guid(uuid, bigEndian: true);
    }
}
