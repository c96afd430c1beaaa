console.log("docs");
