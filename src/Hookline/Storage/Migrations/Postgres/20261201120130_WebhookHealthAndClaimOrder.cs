using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hookline.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WebhookHealthAndClaimOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_deliveries_Status_NextAttemptAt",
                table: "deliveries");

            migrationBuilder.CreateTable(
                name: "webhook_health",
                columns: table => new
                {
                    WebhookId = table.Column<string>(type: "text", nullable: false),
                    IsDown = table.Column<bool>(type: "boolean", nullable: false),
                    ConsecutiveFailures = table.Column<int>(type: "integer", nullable: false),
                    LastSuccessAt = table.Column<long>(type: "bigint", nullable: true),
                    LastFailureAt = table.Column<long>(type: "bigint", nullable: true),
                    NextProbeAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhook_health", x => x.WebhookId);
                    table.ForeignKey(
                        name: "FK_webhook_health_webhooks_WebhookId",
                        column: x => x.WebhookId,
                        principalTable: "webhooks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The health each webhook had, kept: a webhook that is down stays down, with its probe where it was.
            migrationBuilder.Sql("""
                INSERT INTO webhook_health ("WebhookId", "IsDown", "ConsecutiveFailures", "LastSuccessAt", "LastFailureAt", "NextProbeAt")
                SELECT "Id", "IsDown", "ConsecutiveFailures", "LastSuccessAt", "LastFailureAt", "NextProbeAt" FROM webhooks
                WHERE "IsDown" OR "ConsecutiveFailures" > 0 OR "LastSuccessAt" IS NOT NULL OR "LastFailureAt" IS NOT NULL;
                """);

            migrationBuilder.DropColumn(
                name: "ConsecutiveFailures",
                table: "webhooks");

            migrationBuilder.DropColumn(
                name: "IsDown",
                table: "webhooks");

            migrationBuilder.DropColumn(
                name: "LastFailureAt",
                table: "webhooks");

            migrationBuilder.DropColumn(
                name: "LastSuccessAt",
                table: "webhooks");

            migrationBuilder.DropColumn(
                name: "NextProbeAt",
                table: "webhooks");


            migrationBuilder.CreateIndex(
                name: "IX_deliveries_Status_NextAttemptAt_CreatedAt",
                table: "deliveries",
                columns: new[] { "Status", "NextAttemptAt", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_webhook_health_IsDown_NextProbeAt",
                table: "webhook_health",
                columns: new[] { "IsDown", "NextProbeAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_deliveries_Status_NextAttemptAt_CreatedAt",
                table: "deliveries");

            migrationBuilder.AddColumn<int>(
                name: "ConsecutiveFailures",
                table: "webhooks",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "IsDown",
                table: "webhooks",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "LastFailureAt",
                table: "webhooks",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastSuccessAt",
                table: "webhooks",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NextProbeAt",
                table: "webhooks",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_deliveries_Status_NextAttemptAt",
                table: "deliveries",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.Sql("""
                UPDATE webhooks SET "IsDown" = h."IsDown", "ConsecutiveFailures" = h."ConsecutiveFailures", "LastSuccessAt" = h."LastSuccessAt",
                  "LastFailureAt" = h."LastFailureAt", "NextProbeAt" = h."NextProbeAt"
                FROM webhook_health h WHERE h."WebhookId" = webhooks."Id";
                """);

            migrationBuilder.DropTable(
                name: "webhook_health");
        }
    }
}
