using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace ProfileFunctions.LocalHost.DevelopmentTokens;

/// <summary>The symmetric key development tokens are signed with, made on first use and readable by its owner only.</summary>
internal static class DevelopmentSigningKey
{
    private const int KeyBytes = 32;

    public static SymmetricSecurityKey LoadOrCreate(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            using var file = new FileStream(path, CreateNewPrivate());
            using var writer = new StreamWriter(file);
            writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Made already, by an earlier run or by the other of host and command starting at the same moment.
        }

        return new SymmetricSecurityKey(Convert.FromBase64String(File.ReadAllText(path).Trim()));
    }

    private static FileStreamOptions CreateNewPrivate()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }
}
