// A pharmacist's browser listens on the pharmacy hub for calls from the counter of its branch (the hub puts the
// connection in the branch's group from the sign-in cookie) and hands each one to the page to show.
let connection = null;

export async function start(dotnet, hubPath) {
    if (connection || !window.signalR) { return; }
    connection = new signalR.HubConnectionBuilder().withUrl(hubPath).withAutomaticReconnect().build();
    connection.on('CounselingRequested', request => {
        const text = `Counseling requested at ${request.register} for ${request.patient}` + (request.drug ? ` (${request.drug})` : '');
        dotnet.invokeMethodAsync('Show', text);
    });
    await connection.start();
}

export async function stop() {
    if (connection) { await connection.stop(); connection = null; }
}
