using Kindred.Data.Sqlite.Search;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kindred.Data.Sqlite.Migrations
{
    /// <summary>Search over groups, events and aid items (ADR 87); the model itself does not change, so there is no target model.</summary>
    [DbContext(typeof(KindredDbContext))]
    [Migration("20261207150000_SearchGroupsEventsAid")]
    public partial class SearchGroupsEventsAid : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqliteCommunitySearchSchema.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqliteCommunitySearchSchema.Drop);
        }
    }
}
