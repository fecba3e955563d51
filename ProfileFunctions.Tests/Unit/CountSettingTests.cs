using System.Globalization;
using ProfileFunctions.Core.Hosting;

namespace ProfileFunctions.Tests.Unit;

public sealed class CountSettingTests
{
    public static TheoryData<string, int> Settings => new()
    {
        { "ProfileApi__RateLimit__PermitsPerMinute", 600 },
        { "ProfileApi__DecodeBudgetMegapixels", 50 },
        { "ProfileApi__MaxPhotosPerUser", 1_000 },
    };

    private static CountSetting Named(string name) =>
        Assert.Single([CountSetting.PermitsPerMinute, CountSetting.DecodeBudgetMegapixels, CountSetting.MaxPhotosPerUser], setting => setting.Name == name);

    [Theory]
    [MemberData(nameof(Settings))]
    public void UnsetOrBlankIsTheDefaultAndOneTo1000000IsItself(string name, int defaultValue)
    {
        var setting = Named(name);
        var validator = new CountSettingValidator(setting);

        foreach (var (text, expected) in new (string?, int)[] { (null, defaultValue), ("", defaultValue), (" ", defaultValue), ("1", 1), ("1000000", 1_000_000) })
        {
            Assert.True(setting.TryParse(text, out int value), text);
            Assert.Equal(expected, value);
            Assert.True(validator.Validate(setting.Key, new CountSettingText { Text = text }).Succeeded, text);
        }
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void AnythingElseStopsStartUpNamingTheSettingAndItsDefault(string name, int defaultValue)
    {
        var setting = Named(name);
        var validator = new CountSettingValidator(setting);

        foreach (string text in new[] { "0", "-5", "1000001", "+5", "2.5", "1e3", "1,000", "many" })
        {
            Assert.False(setting.TryParse(text, out _), text);
            var result = validator.Validate(setting.Key, new CountSettingText { Text = text });
            Assert.True(result.Failed, text);
            Assert.Contains(name, result.FailureMessage, StringComparison.Ordinal);
            Assert.Contains($"'{text}'", result.FailureMessage, StringComparison.Ordinal);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"(default {defaultValue:N0})"), result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EachValidatorJudgesOnlyItsOwnSetting() =>
        Assert.True(new CountSettingValidator(CountSetting.MaxPhotosPerUser).Validate(CountSetting.PermitsPerMinute.Key, new CountSettingText { Text = "0" }).Skipped);
}
