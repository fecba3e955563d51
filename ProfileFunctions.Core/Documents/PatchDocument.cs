using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using ProfileFunctions.Core.Http;

namespace ProfileFunctions.Core.Documents;

/// <summary>
/// A PATCH body checked against the contract's rules for one resource: <c>id</c> and <c>@odata.type</c> only with
/// their current values, a photo's <c>height</c>/<c>width</c> as integers or null, every other member merged into the
/// stored body by <see cref="JsonMergePatch"/>.
/// </summary>
internal sealed class PatchDocument
{
    /// <summary>The largest stored body, the same limit as a request body.</summary>
    public const int MaxBodyBytes = RequestBodyReader.MaxBytes;

    private readonly ResourceKind _resource;
    private readonly IReadOnlyList<JsonProperty> _members;

    private PatchDocument(ResourceKind resource, IReadOnlyList<JsonProperty> members, DimensionChange height, DimensionChange width)
    {
        _resource = resource;
        _members = members;
        Height = height;
        Width = width;
    }

    public DimensionChange Height { get; }

    public DimensionChange Width { get; }

    /// <summary>Whether the patch names <c>height</c> or <c>width</c> of a photo.</summary>
    public bool ChangesDimensions => Height.IsPresent || Width.IsPresent;

    /// <summary>Checks a patch that already passed the create's body rules against the patch's own rules.</summary>
    /// <param name="patch">The patch: a JSON object.</param>
    /// <param name="resource">Which resource it patches.</param>
    /// <param name="currentId">The resource's id, which the patch may name but not change.</param>
    /// <param name="document">The patch, ready to apply to any version of the resource.</param>
    /// <param name="error">Why the patch is refused (400), in one sentence a client can act on.</param>
    public static bool TryCreate(
        JsonElement patch,
        ResourceKind resource,
        Guid currentId,
        [NotNullWhen(true)] out PatchDocument? document,
        [NotNullWhen(false)] out string? error)
    {
        document = null;
        if (patch.ValueKind != JsonValueKind.Object)
        {
            error = "The request body must be a single JSON object.";
            return false;
        }

        // A clone owns its memory, so the document outlives the caller's JsonDocument and any retry that re-applies it.
        var members = new List<JsonProperty>();
        var height = DimensionChange.None;
        var width = DimensionChange.None;
        foreach (var member in patch.Clone().EnumerateObject())
        {
            error = member.Name switch
            {
                "id" => CheckId(member.Value, resource, currentId),
                "@odata.type" => CheckODataType(member.Value, resource),
                "height" when resource.HasDimensions => ReadDimension(member, out height),
                "width" when resource.HasDimensions => ReadDimension(member, out width),
                _ => null,
            };
            if (error is not null)
            {
                return false;
            }

            if (member.Name is not ("id" or "@odata.type") && !(resource.HasDimensions && member.Name is "height" or "width"))
            {
                members.Add(member);
            }
        }

        document = new PatchDocument(resource, members, height, width);
        error = null;
        return true;
    }

    /// <summary>Applies the patch to one version of the resource (again on each re-read, when it changed meanwhile).</summary>
    /// <param name="body">The stored body.</param>
    /// <param name="height">A photo's stored height.</param>
    /// <param name="width">A photo's stored width.</param>
    /// <param name="hasContent">Whether the photo has content, whose image then decides its dimensions.</param>
    public PatchedResource ApplyTo(ReadOnlySpan<byte> body, int? height, int? width, bool hasContent)
    {
        if (hasContent && ChangesDimensions)
        {
            return new PatchedResource(
                PatchOutcome.DimensionsFromContent,
                Body: null,
                height,
                width,
                $"This {_resource.Name} has content, so its 'height' and 'width' come from the image: leave them out of the patch.");
        }

        byte[] merged = JsonMergePatch.Apply(body, _members);
        if (merged.Length > MaxBodyBytes)
        {
            return new PatchedResource(
                PatchOutcome.TooLarge,
                Body: null,
                height,
                width,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The patched {_resource.Name}'s members would take {merged.Length:N0} bytes, more than the {MaxBodyBytes:N0} allowed: remove or shorten some members."));
        }

        return new PatchedResource(PatchOutcome.Applied, merged, Height.ApplyTo(height), Width.ApplyTo(width), Error: null);
    }

    private static string? CheckId(JsonElement value, ResourceKind resource, Guid currentId) =>
        value.ValueKind == JsonValueKind.String && ResourceId.TryParse(value.GetString()!, out var id) && id == currentId
            ? null
            : $"'id' cannot be changed: leave it out, or send this {resource.Name}'s id, \"{currentId:D}\".";

    private static string? CheckODataType(JsonElement value, ResourceKind resource) =>
        value.ValueKind == JsonValueKind.String && resource.IsODataType(value.GetString()!)
            ? null
            : $"'@odata.type' cannot be changed: leave it out, or send \"{resource.ODataType}\".";

    private static string? ReadDimension(JsonProperty member, out DimensionChange change)
    {
        change = DimensionChange.None;
        var value = member.Value;
        if (value.ValueKind == JsonValueKind.Null)
        {
            change = new DimensionChange(IsPresent: true, Value: null);
            return null;
        }

        // Digits only, as in creates: no sign, fraction or exponent.
        if (value.ValueKind == JsonValueKind.Number
            && !System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value).ContainsAnyExceptInRange((byte)'0', (byte)'9')
            && value.TryGetInt32(out int number)
            && number is >= ResourceBodyParser.MinDimension and <= ResourceBodyParser.MaxDimension)
        {
            change = new DimensionChange(IsPresent: true, Value: number);
            return null;
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"'{member.Name}' must be a JSON integer from {ResourceBodyParser.MinDimension} to {ResourceBodyParser.MaxDimension:N0} (no fraction, exponent or quotes), null to remove it, or be left out.");
    }
}

internal enum PatchOutcome
{
    /// <summary>The patch applies: store <see cref="PatchedResource.Body"/> and the dimensions.</summary>
    Applied,

    /// <summary>400: the patch sets a photo's dimensions, but the photo has content, whose image decides them.</summary>
    DimensionsFromContent,

    /// <summary>413: the merged body would be larger than a stored body may be.</summary>
    TooLarge,
}

/// <summary>A patch applied to one version of a resource.</summary>
/// <param name="Outcome">Whether it applies, and if not why.</param>
/// <param name="Body">The new body, when <see cref="PatchOutcome.Applied"/>.</param>
/// <param name="Height">A photo's new height (unchanged unless the patch named it).</param>
/// <param name="Width">A photo's new width (unchanged unless the patch named it).</param>
/// <param name="Error">Why it does not apply, in words a client can act on.</param>
internal sealed record PatchedResource(PatchOutcome Outcome, byte[]? Body, int? Height, int? Width, string? Error);

/// <summary>What a patch does to a photo's <c>height</c> or <c>width</c>: nothing, set it, or (null) remove it.</summary>
/// <param name="IsPresent">The patch names the member.</param>
/// <param name="Value">The new value; null with <paramref name="IsPresent"/> removes it.</param>
internal readonly record struct DimensionChange(bool IsPresent, int? Value)
{
    public static DimensionChange None => default;

    public int? ApplyTo(int? current) => IsPresent ? Value : current;
}
