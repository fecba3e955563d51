using System.Text.RegularExpressions;

namespace ProfileFunctions.Tests.Unit;

/// <summary>
/// Core's folders in the order a request meets them: a folder may use the folders of later layers, never one of its own
/// layer or an earlier one, so that nothing below knows what is built on top of it.
/// </summary>
public sealed partial class CoreLayoutTests
{
    private static readonly string[][] Layers =
    [
        ["Hosting"],
        ["PhotoContent"],
        ["Photos", "Profile", "Users"],
        ["OpenApi", "Documents"],
        ["Content", "Access"],
        ["Storage"],
        ["Http"],
        ["Telemetry"],
    ];

    private static readonly string CoreFolder = Path.Combine(RepositoryRoot.Path, "ProfileFunctions.Core");

    [Fact]
    public void EveryCoreFolderHasAPlaceInTheLayers()
    {
        var folders = Directory.EnumerateDirectories(CoreFolder)
            .Select(Path.GetFileName)
            .Where(name => name is not ("bin" or "obj"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(Layers.SelectMany(layer => layer).Order(StringComparer.Ordinal), folders);
        Assert.Empty(Directory.EnumerateFiles(CoreFolder, "*.cs"));
    }

    [Fact]
    public void NoCoreFolderUsesOneAboveItOrBesideIt()
    {
        var layerOf = Layers.SelectMany((layer, index) => layer.Select(folder => (folder, index))).ToDictionary(entry => entry.folder, entry => entry.index);
        var wrong = new List<string>();
        foreach (var (folder, layer) in layerOf)
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(CoreFolder, folder), "*.cs", SearchOption.AllDirectories))
            {
                foreach (Match used in CoreUsing().Matches(File.ReadAllText(file)))
                {
                    string target = used.Groups["folder"].Value;
                    if (!layerOf.TryGetValue(target, out int targetLayer) || targetLayer <= layer)
                    {
                        wrong.Add($"{folder}/{Path.GetFileName(file)} uses {target}");
                    }
                }
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public void EachCoreFilesNamespaceIsItsFolder()
    {
        foreach (string file in Directory.EnumerateFiles(CoreFolder, "*.cs", SearchOption.AllDirectories).Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            string folder = Path.GetRelativePath(CoreFolder, Path.GetDirectoryName(file)!).Replace(Path.DirectorySeparatorChar, '.');
            Assert.Contains($"namespace ProfileFunctions.Core.{folder};", File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"^using ProfileFunctions\.Core\.(?<folder>\w+)", RegexOptions.Multiline)]
    private static partial Regex CoreUsing();
}
