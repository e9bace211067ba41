using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class GroupQuestionConfiguration : IEntityTypeConfiguration<GroupQuestion>
{
    public void Configure(EntityTypeBuilder<GroupQuestion> builder)
    {
        builder.HasKey(q => new { q.GroupId, q.Position });
        builder.Property(q => q.Text).HasMaxLength(300);
    }
}
