namespace ProfileFunctions.Core.Documents;

/// <summary>A valid request body, split into the members the API types and the ones it keeps as sent.</summary>
/// <param name="Id">The client's id, if it sent one.</param>
/// <param name="Height">A photo's height, if sent.</param>
/// <param name="Width">A photo's width, if sent.</param>
/// <param name="Body">A JSON object of every other member, each exactly as sent.</param>
internal sealed record ParsedResource(Guid? Id, int? Height, int? Width, byte[] Body);
