using System.Text.Json;
using System.Text.Json.Nodes;

namespace AntiCorruption.Core.Tests.Complaints;

/// <summary>Complaint bodies for tests: a valid one, changed one field at a time.</summary>
internal static class ComplaintBodies
{
    public const string Description = "ปลัดอำเภอเรียกรับเงินเพื่อเร่งออกใบอนุญาตก่อสร้าง";

    public static JsonObject Anonymous() => new()
    {
        ["category"] = "bribery",
        ["province"] = "TH-80",
        ["agency"] = "อบต. ท่าศาลา",
        ["description"] = Description,
        ["anonymous"] = true,
    };

    public static JsonObject Named() => new()
    {
        ["category"] = "procurement",
        ["province"] = "TH-10",
        ["agency"] = "กรุงเทพมหานคร",
        ["accusedName"] = "นายสมศักดิ์ ตัวอย่าง",
        ["accusedPosition"] = "ผู้อำนวยการกอง",
        ["subject"] = "ฮั้วประมูลถนน",
        ["description"] = Description,
        ["incidentDate"] = "2026-10-15",
        ["location"] = new JsonObject { ["latitude"] = 13.75, ["longitude"] = 100.5 },
        ["amountThb"] = 1250000.5,
        ["anonymous"] = false,
        ["consent"] = true,
        ["reporter"] = new JsonObject { ["name"] = "สมชาย ใจดี", ["phone"] = "081-234-5678", ["email"] = "Somchai@Example.com" },
    };

    public static JsonElement Element(JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement;
}
