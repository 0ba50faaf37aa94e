using Microsoft.Azure.Functions.Worker.Builder;
using StaffCloudSync.Core;
using StaffCloudSync.Functions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

builder.Services
    .AddWorkerTelemetry(builder.Configuration)
    .AddStaffCloudSync(builder.Configuration);

// After the worker's own hosted services, so it is stopped before them: runs end between writes while the worker still answers.
builder.Services.AddSingleton<RunDrain>();
builder.Services.AddHostedService(services => services.GetRequiredService<RunDrain>());

builder.Build().Run();
