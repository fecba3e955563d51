


using ProfileFunctions.Core.Documents;
using ProfileFunctions.Core.Photos;
using ProfileFunctions.Core.Profile;

namespace ProfileFunctions.Tests.Unit;

public sealed class ResourceEntitiesTests
{
    private static readonly Guid Id = Guid.Parse("1736e66d-e66d-1736-6de6-36176de63617");
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 30, 0, TimeSpan.FromHours(2));

    [Fact]
    public void AProfileIsOneRowPerUserKeyedProfile()
    {
        var entity = ProfileEntity.Create("user-1", Id, new ParsedResource(Id, null, null, "{\"a\":1}"u8.ToArray()), "creator", Now);

        var profile = Assert.IsType<ProfileEntity>(entity);
        Assert.Equal("user-1", profile.PartitionKey);
        Assert.Equal("profile", profile.RowKey);
        Assert.Equal("1736e66d-e66d-1736-6de6-36176de63617", profile.Id);
        Assert.Equal("{\"a\":1}"u8.ToArray(), profile.Body);
        Assert.Equal("creator", profile.CreatedBy);
        Assert.Equal(TimeSpan.Zero, profile.CreatedDateTime.Offset);
        Assert.Equal(Now, profile.CreatedDateTime);
        Assert.Equal(profile.CreatedDateTime, profile.LastModifiedDateTime);
    }

    [Fact]
    public void APhotoIsKeyedByItsIdAndKeepsItsDimensions()
    {
        var entity = PhotoEntity.Create("user-1", Id, new ParsedResource(null, 10, null, "{}"u8.ToArray()), "creator", Now);

        var photo = Assert.IsType<PhotoEntity>(entity);
        Assert.Equal("1736e66d-e66d-1736-6de6-36176de63617", photo.RowKey);
        Assert.Equal(photo.RowKey, photo.Id);
        Assert.Equal(10, photo.Height);
        Assert.Null(photo.Width);
    }

    [Fact]
    public void ARowHasExactlyTheContractsPropertiesWithTheirTypes()
    {
        var photo = PhotoEntity.Create("user-1", Id, new ParsedResource(null, 10, 20, "{}"u8.ToArray()), "creator", Now).ToTableEntity();
        var profile = ProfileEntity.Create("user-1", Id, new ParsedResource(null, null, null, "{}"u8.ToArray()), "creator", Now).ToTableEntity();

        Assert.Equal(["Body", "CreatedBy", "CreatedDateTime", "Height", "Id", "LastModifiedDateTime", "PartitionKey", "RowKey", "Width"], photo.Keys.Where(key => key != "odata.etag" && key != "Timestamp").Order(StringComparer.Ordinal));
        Assert.IsType<int>(photo["Height"]);
        Assert.IsType<byte[]>(photo["Body"]);
        Assert.IsType<DateTimeOffset>(photo["CreatedDateTime"]);
        Assert.IsType<DateTimeOffset>(photo["LastModifiedDateTime"]);
        Assert.Equal(["Body", "CreatedBy", "CreatedDateTime", "Id", "LastModifiedDateTime", "PartitionKey", "RowKey"], profile.Keys.Where(key => key != "odata.etag" && key != "Timestamp").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DimensionsThatWereNotSentAreLeftOutOfTheRow()
    {
        var row = PhotoEntity.Create("user-1", Id, new ParsedResource(null, null, 20, "{}"u8.ToArray()), "creator", Now).ToTableEntity();
        Assert.False(row.ContainsKey("Height"));
        Assert.Equal(20, row["Width"]);
    }

    [Fact]
    public void LocationsUseTheStoredUserIdAndId()
    {
        Assert.Equal("/user/ada@contoso.com/profile", ProfileResource.Location("ada@contoso.com"));
        Assert.Equal("/user/ada@contoso.com/photos/1736e66d-e66d-1736-6de6-36176de63617", PhotoResource.Location("ada@contoso.com", Id));
    }
}
