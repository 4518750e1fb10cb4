-- CreateEnum
CREATE TYPE "Corps" AS ENUM ('ASN', 'TNI', 'POLRI');

-- CreateTable
CREATE TABLE "personnel" (
    "nik" VARCHAR(16) NOT NULL,
    "corps" "Corps" NOT NULL,
    "agency" TEXT NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE,

    CONSTRAINT "personnel_pkey" PRIMARY KEY ("nik","corps","start_date")
);
