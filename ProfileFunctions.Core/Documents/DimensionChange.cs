
namespace ProfileFunctions.Core.Documents;

/// <summary>What a patch does to a photo's <c>height</c> or <c>width</c>: nothing, set it, or (null) remove it.</summary>
/// <param name="IsPresent">The patch names the member.</param>
/// <param name="Value">The new value; null with <paramref name="IsPresent"/> removes it.</param>
internal readonly record struct DimensionChange(bool IsPresent, int? Value)
{
    public static DimensionChange None => default;

    public int? ApplyTo(int? current) => IsPresent ? Value : current;
}
