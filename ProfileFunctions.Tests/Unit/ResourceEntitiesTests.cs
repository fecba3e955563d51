using ProfileFunctions.Core.Resources;
using ProfileFunctions.Core.Storage;
using ProfileFunctions.Core.Validation;

namespace ProfileFunctions.Tests.Unit;

public sealed class ResourceEntitiesTests
{
    private static readonly Guid Id = Guid.Parse("1736e66d-e66d-1736-6de6-36176de63617");
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 30, 0, TimeSpan.FromHours(2));

    [Fact]
    public void AProfileIsOneRowPerUserKeyedProfile()
    {
        var entity = ResourceEntities.Create(ResourceDefinition.Profile, "user-1", Id, new ParsedResource(Id, null, null, "{\"a\":1}"u8.ToArray()), "creator", Now);

        var profile = Assert.IsType<ProfileEntity>(entity);
        Assert.Equal("user-1", profile.PartitionKey);
        Assert.Equal("profile", profile.RowKey);
        Assert.Equal("1736e66d-e66d-1736-6de6-36176de63617", profile.Id);
        Assert.Equal("{\"a\":1}"u8.ToArray(), profile.Body);
        Assert.Equal("creator", profile.CreatedBy);
        Assert.Equal(TimeSpan.Zero, profile.CreatedDateTime.Offset);
        Assert.Equal(Now, profile.CreatedDateTime);
    }

    [Fact]
    public void APhotoIsKeyedByItsIdAndKeepsItsDimensions()
    {
        var entity = ResourceEntities.Create(ResourceDefinition.Photo, "user-1", Id, new ParsedResource(null, 10, null, "{}"u8.ToArray()), "creator", Now);

        var photo = Assert.IsType<PhotoEntity>(entity);
        Assert.Equal("1736e66d-e66d-1736-6de6-36176de63617", photo.RowKey);
        Assert.Equal(photo.RowKey, photo.Id);
        Assert.Equal(10, photo.Height);
        Assert.Null(photo.Width);
    }

    [Fact]
    public void LocationsUseTheStoredUserIdAndId()
    {
        Assert.Equal("/user/ada@contoso.com/profile", ResourceDefinition.Profile.Location("ada@contoso.com", Id));
        Assert.Equal("/user/ada@contoso.com/photos/1736e66d-e66d-1736-6de6-36176de63617", ResourceDefinition.Photo.Location("ada@contoso.com", Id));
    }
}
