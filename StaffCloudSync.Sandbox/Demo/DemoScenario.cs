// placeholder: replaced by the realistic demo tenant
using StaffCloudSync.Sandbox.Scenarios;

namespace StaffCloudSync.Sandbox.Demo;

/// <summary>
/// The scenario of <c>staffcloud-sync sandbox demo</c>. This small stand-in (one tenant, three employees, one event,
/// two syncs) only lets the CLI's demo command build and run until the realistic demo tenant replaces this file.
/// </summary>
public static class DemoScenario
{
    private const string Json = """
        {
          "tenant": { "id": "demo" },
          "staffcloud": {
            "employees": [
              { "id": 1, "firstname": "Ana", "lastname": "Lopez", "email": "ana@example.com", "communication_language": "de", "status": 4 },
              { "id": 2, "firstname": "Ben", "lastname": "Meier", "email": "ben@example.com", "communication_language": "en", "status": 4 },
              { "id": 3, "firstname": "Cara", "lastname": "Rossi", "email": null, "mobile": null, "communication_language": "it", "status": 4 }
            ],
            "events": [
              { "id": 10, "name": "Spring Fair", "start": "2026-03-05 08:00:00", "end": "2026-03-05 18:00:00", "status": 2 }
            ],
            "assignments": [
              { "id": 100, "employee_id": 1, "event_id": 10, "status": 7 },
              { "id": 101, "employee_id": 2, "event_id": 10, "status": 7 },
              { "id": 102, "employee_id": 3, "event_id": 10, "status": 7 }
            ]
          },
          "mobietrain": { "userGroups": [ { "id": "g-default", "name": "Default Group" } ] },
          "steps": [
            { "sync": { "at": "2026-03-01T02:00:00Z" } },
            { "sync": { "at": "2026-03-01T14:00:00Z" } }
          ]
        }
        """;

    public static Scenario Build() => ScenarioReader.Read(Json);
}
