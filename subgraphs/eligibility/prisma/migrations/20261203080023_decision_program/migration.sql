-- AlterTable
ALTER TABLE "decision" ADD COLUMN     "program" TEXT;
