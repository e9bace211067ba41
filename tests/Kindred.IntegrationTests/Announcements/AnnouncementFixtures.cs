using Kindred.Core.Announcements;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Announcements;

/// <summary>Announcements written through the service as the owner (staff), for the tests of the reading paths.</summary>
public static class AnnouncementFixtures
{
    public static Task<long> OwnerIdAsync(KindredApp app) =>
        app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == "owner").Id));

    public static async Task<Announcement> CreateAsync(KindredApp app, string text, DateTime? startsAt = null, DateTime? endsAt = null, bool publish = true)
    {
        var owner = await OwnerIdAsync(app);
        return await app.WithServicesAsync(async s =>
        {
            var service = s.GetRequiredService<AnnouncementService>();
            var announcement = await service.CreateAsync(owner, new AnnouncementInput(text, startsAt, endsAt, AllDay: false));
            if (publish)
            {
                await service.PublishAsync(owner, announcement.Id);
            }
            return announcement;
        });
    }
}
