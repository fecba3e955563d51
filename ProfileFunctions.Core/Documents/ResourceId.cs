namespace ProfileFunctions.Core.Documents;

/// <summary>A resource id: a non-nil GUID in any of .NET's formats D, N, B or P, with no white space around it.</summary>
internal static class ResourceId
{
    private static readonly string[] Formats = ["D", "N", "B", "P"];

    public static bool TryParse(string text, out Guid id)
    {
        // Guid.TryParseExact would forgive surrounding white space; the formats themselves have none.
        if (text.Trim().Length == text.Length)
        {
            foreach (string format in Formats)
            {
                if (Guid.TryParseExact(text, format, out id) && id != Guid.Empty)
                {
                    return true;
                }
            }
        }

        id = Guid.Empty;
        return false;
    }
}
