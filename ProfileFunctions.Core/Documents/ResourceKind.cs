namespace ProfileFunctions.Core.Documents;

/// <summary>
/// What the shared document rules need to know of a resource: its name in messages, its OData type, and whether it
/// types <c>height</c> and <c>width</c>. Each resource declares its own (<c>ProfileResource.Kind</c>, <c>PhotoResource.Kind</c>).
/// </summary>
internal sealed class ResourceKind(string name, string odataType, bool hasDimensions)
{
    /// <summary>The resource's name in messages.</summary>
    public string Name { get; } = name;

    /// <summary>The canonical <c>@odata.type</c>, as every response gives it.</summary>
    public string ODataType { get; } = odataType;

    /// <summary>Whether <c>height</c> and <c>width</c> are typed members of the resource (else they are kept as sent).</summary>
    public bool HasDimensions { get; } = hasDimensions;

    /// <summary>Case-insensitive, with or without the leading <c>#</c>.</summary>
    public bool IsODataType(string value) =>
        (value.StartsWith('#') ? value.AsSpan(1) : value.AsSpan()).Equals(ODataType.AsSpan(1), StringComparison.OrdinalIgnoreCase);
}
