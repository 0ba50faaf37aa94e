using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using StaffCloudSync.Core;
using StaffCloudSync.Functions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

builder.Services
    .AddWorkerTelemetry()
    .AddStaffCloudSync(builder.Configuration);

builder.Build().Run();
