using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hookline.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DeliveryCallKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_deliveries_CallId_WebhookId_Trigger",
                table: "deliveries");

            migrationBuilder.AddColumn<string>(
                name: "CallKey",
                table: "deliveries",
                type: "text",
                nullable: false,
                defaultValue: "");

            // A delivery of a group key's call belongs to the call keyed "{group}:{callid}"; every other one to the admin's.
            migrationBuilder.Sql("""
                UPDATE deliveries SET "CallKey" = CASE
                  WHEN EXISTS (SELECT 1 FROM calls c WHERE c."Key" = deliveries."GroupId" || ':' || deliveries."CallId")
                   AND NOT EXISTS (SELECT 1 FROM calls c WHERE c."Key" = deliveries."CallId" AND c."GroupId" = deliveries."GroupId")
                  THEN deliveries."GroupId" || ':' || deliveries."CallId"
                  ELSE deliveries."CallId" END
                """);

            migrationBuilder.CreateIndex(
                name: "IX_deliveries_CallId",
                table: "deliveries",
                column: "CallId");

            migrationBuilder.CreateIndex(
                name: "IX_deliveries_CallKey_WebhookId_Trigger",
                table: "deliveries",
                columns: new[] { "CallKey", "WebhookId", "Trigger" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_deliveries_CallId",
                table: "deliveries");

            migrationBuilder.DropIndex(
                name: "IX_deliveries_CallKey_WebhookId_Trigger",
                table: "deliveries");

            migrationBuilder.DropColumn(
                name: "CallKey",
                table: "deliveries");

            migrationBuilder.CreateIndex(
                name: "IX_deliveries_CallId_WebhookId_Trigger",
                table: "deliveries",
                columns: new[] { "CallId", "WebhookId", "Trigger" },
                unique: true);
        }
    }
}
