using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hookline.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Issue12Formats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "TemplateId",
                table: "webhooks",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AddColumn<string>(
                name: "Auth",
                table: "webhooks",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RetrySchedule",
                table: "webhooks",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RetryWindowSeconds",
                table: "webhooks",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TimeZone",
                table: "templates",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Url",
                table: "deliveries",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Auth",
                table: "webhooks");

            migrationBuilder.DropColumn(
                name: "RetrySchedule",
                table: "webhooks");

            migrationBuilder.DropColumn(
                name: "RetryWindowSeconds",
                table: "webhooks");

            migrationBuilder.DropColumn(
                name: "TimeZone",
                table: "templates");

            migrationBuilder.DropColumn(
                name: "Url",
                table: "deliveries");

            migrationBuilder.AlterColumn<string>(
                name: "TemplateId",
                table: "webhooks",
                type: "text",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);
        }
    }
}
